import { describe, expect, it } from "vitest";
import { decodeMarc8 } from "./marc8.ts";

const bytes = (...parts: (string | number)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((ch) => ch.charCodeAt(0)) : [p])));

describe("decodeMarc8", () => {
  it("moves ANSEL combining marks after their letter and composes them", () => {
    expect(decodeMarc8(bytes("Garc", 0xe2, "ia M", 0xe2, "arquez")).text).toBe("García Márquez");
    expect(decodeMarc8(bytes("Bj", 0xe8, "ork")).text).toBe("Björk");
    expect(decodeMarc8(bytes("Fran", 0xf0, "cois")).text).toBe("François");
    expect(decodeMarc8(bytes("Dvo", 0xe9, "r", 0xe2, "ak")).text).toBe("Dvořák");
  });

  it("maps ANSEL spacing characters", () => {
    expect(decodeMarc8(bytes(0xa1, "od", 0xb2, "z")).text).toBe("Łodøz");
    expect(decodeMarc8(bytes(0xc3, " 1999")).text).toBe("© 1999");
  });

  it("drops non-sorting markers and flags character sets it does not map", () => {
    expect(decodeMarc8(bytes(0x88, "The ", 0x89, "hobbit")).text).toBe("The hobbit");
    const cyrillic = decodeMarc8(bytes(0x1b, 0x28, 0x4e, "abc", 0x1b, 0x28, 0x42));
    expect(cyrillic.unsupported).toBe(true);
    expect(decodeMarc8(bytes("plain")).unsupported).toBe(false);
  });
});
