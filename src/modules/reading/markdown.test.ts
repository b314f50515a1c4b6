import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.ts";

describe("renderMarkdown", () => {
  it("renders the markdown people write in reviews", () => {
    expect(renderMarkdown("**Loved** it, _truly_.\n\n- one\n- two\n\n> quoted")).toBe(
      "<p><strong>Loved</strong> it, <em>truly</em>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<blockquote>\n<p>quoted</p>\n</blockquote>\n",
    );
  });

  it("removes script, styles, event handlers, images and javascript: links", () => {
    const html = renderMarkdown(
      '<script>alert(1)</script><style>p{}</style><p onclick="x()" style="color:red">hi</p><img src="https://tracker.example/x.png"><iframe src="https://e.org"></iframe>\n\n[go](javascript:alert(1)) ![pic](https://tracker.example/y.png)',
    );
    expect(html).not.toMatch(/script|style|onclick|img|iframe|javascript|tracker/i);
    expect(html).toContain("<p>hi</p>");
    expect(html).toContain('<a rel="nofollow ugc noopener">go</a>');
  });

  it("marks links as user content and turns headings into h4, below the page's own", () => {
    expect(renderMarkdown("# Title\n\n[site](https://example.org)")).toBe(
      '<h4>Title</h4>\n<p><a href="https://example.org" rel="nofollow ugc noopener">site</a></p>\n',
    );
  });
});
