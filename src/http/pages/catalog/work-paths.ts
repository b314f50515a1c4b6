// The addresses of a work, shared by the pages and the API so that both point at the same canonical URLs.
import type { WorkDetail } from "../../../modules/catalog/index.ts";

export const workPath = (id: string) => `/works/${id}`;

/** An uploaded cover when there is one, the generated placeholder otherwise. */
export const coverPath = (work: Pick<WorkDetail, "id" | "coverPath">) =>
  work.coverPath ? `/works/${work.id}/cover` : `/works/${work.id}/cover.svg`;
