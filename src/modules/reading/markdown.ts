// The one markdown renderer (CONVENTIONS 7): what patrons write is rendered by marked and the HTML is
// then sanitised, because marked passes raw HTML through and a review must never carry script or styles.
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

// A configured parser holds no per-request state; one instance serves every call.
const parser = new Marked({ gfm: true, breaks: true });

const HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "em", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr", "h4"],
  // No images: an image from elsewhere would be a request to a third party from a patron's page.
  allowedAttributes: { a: ["href", "rel"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  // A review sits under the page's own headings, so its headings all become one level below them.
  transformTags: {
    ...Object.fromEntries(HEADINGS.map((h) => [h, "h4"])),
    a: sanitizeHtml.simpleTransform("a", { rel: "nofollow ugc noopener" }),
  },
  disallowedTagsMode: "discard",
};

/** Markdown as a patron wrote it → safe HTML to place in a page. */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(parser.parse(markdown, { async: false }), SANITIZE);
}
