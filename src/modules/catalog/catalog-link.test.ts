import { describe, expect, it } from "vitest";
import { catalogLink, isCatalogLinkTemplate } from "./catalog-link.ts";

const edition = (isbn13: string | null, controlNumber: string | null, isbn10: string | null = null) => ({
  isbn13,
  isbn10,
  controlNumber,
});

describe("catalogue links", () => {
  it("fills each placeholder in, URL-encoded", () => {
    const template = "https://opac.example.org/search?isbn={isbn}&id={controlNumber}&t={title}";
    expect(catalogLink(template, "Cien años & más", [edition("9780201616224", "11778504")])).toBe(
      "https://opac.example.org/search?isbn=9780201616224&id=11778504&t=Cien%20a%C3%B1os%20%26%20m%C3%A1s",
    );
  });

  it("uses the first edition that has what the template needs, and the ISBN-10 when there is no ISBN-13", () => {
    const template = "https://opac.example.org/search?isbn={isbn}";
    const editions = [edition(null, "1"), edition(null, "2", "020161622X")];
    expect(catalogLink(template, "T", editions)).toBe("https://opac.example.org/search?isbn=020161622X");
    expect(catalogLink("https://opac.example.org/record/{controlNumber}", "T", editions)).toBe(
      "https://opac.example.org/record/1",
    );
  });

  it("makes no link without a template, or when no edition has the identifier it asks for", () => {
    expect(catalogLink(undefined, "T", [edition("9780201616224", null)])).toBeNull();
    expect(catalogLink("", "T", [edition("9780201616224", null)])).toBeNull();
    expect(catalogLink("https://opac.example.org/search?isbn={isbn}", "T", [edition(null, "1")])).toBeNull();
    expect(catalogLink("https://opac.example.org/search?q={title}", "Zen", [])).toBe("https://opac.example.org/search?q=Zen");
  });

  it("accepts http(s) templates only", () => {
    expect(isCatalogLinkTemplate("https://opac.example.org/search?isbn={isbn}")).toBe(true);
    expect(isCatalogLinkTemplate("http://opac.local/{controlNumber}")).toBe(true);
    expect(isCatalogLinkTemplate("javascript:alert({title})")).toBe(false);
    expect(isCatalogLinkTemplate("opac.example.org/search")).toBe(false);
  });
});
