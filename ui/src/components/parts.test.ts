// Markup checks, rendered on the server (there is no DOM in these tests): the WebDriver tests
// find the editor panel by its data-testid, and the screens' CSS relies on these classes.
import { createRawSnippet } from "svelte";
import { render } from "svelte/server";
import { describe, expect, it } from "vitest";
import ConfirmButton from "./ConfirmButton.svelte";
import MasterDetail from "./MasterDetail.svelte";

const html = (markup: string) => createRawSnippet(() => ({ render: () => markup }));

describe("MasterDetail", () => {
  const parts = { list: html("<p>list</p>"), detail: html("<p>detail</p>") };

  it("gives the list the whole width while no record is open", () => {
    const { body } = render(MasterDetail, { props: { open: false, width: 360, testid: "store-editor", ...parts } });
    expect(body).toContain("<p>list</p>");
    expect(body).not.toContain("detail");
    expect(body).not.toContain("with-editor");
  });

  it("puts the open record's panel beside the list, at the given width", () => {
    const { body } = render(MasterDetail, {
      props: { open: true, width: 400, testid: "campaign-editor", label: "Edit campaign", ...parts },
    });
    expect(body).toMatch(/class="layout[^"]* with-editor"/);
    expect(body).toContain("--panel-width: 400px");
    expect(body).toMatch(/<aside class="card editor[^"]*" data-testid="campaign-editor" aria-label="Edit campaign"><p>detail<\/p>/);
  });
});

describe("ConfirmButton", () => {
  it("rests as a plain delete button with the screen's classes", () => {
    const { body } = render(ConfirmButton, { props: { onconfirm: () => {}, testid: "campaign-delete", class: "small" } });
    expect(body).toMatch(/<button type="button" class="danger small" data-testid="campaign-delete">删除<\/button>/);
  });
});
