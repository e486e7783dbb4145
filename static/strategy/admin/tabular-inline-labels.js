// Names for the inputs of tabular inlines (a theme's topics, a mission's lines).
//
// Django's TabularInline puts each input in a table cell whose only caption is the column header:
// no <label>, so screen readers announce "edit text" (axe: label, select-name). Each input here
// is labelled by its column header (named before the rows are labelled) and its row's title (the first cell), e.g. "Title [en] Wonen".
// Rows added later ("Add another") get the same, through Django's formset:added event.
;(() => {
  let counter = 0
  const idFor = (element, prefix) => {
    if (!element.id) element.id = `${prefix}-${++counter}`
    return element.id
  }

  const labelRow = (row) => {
    const table = row.closest("table")
    if (!table) return
    const headers = table.querySelectorAll("thead th")
    const title = row.querySelector("td.original p")
    const titleId = title && title.textContent.trim() ? idFor(title, "inline-row-title") : null
    for (const cell of row.cells) {
      const header = headers[cell.cellIndex]
      if (!header || !header.textContent.trim()) continue
      for (const field of cell.querySelectorAll("input:not([type=hidden]), select, textarea")) {
        if (field.labels?.length || field.hasAttribute("aria-labelledby")) continue
        field.setAttribute("aria-labelledby", [idFor(header, "inline-column"), titleId].filter(Boolean).join(" "))
      }
    }
  }

  // The first column shows each row's title (the saved topic or line) under an empty header
  // (axe: empty-table-header); name it after the inline itself, e.g. "Topics", for screen readers.
  const nameTitleColumn = (group) => {
    const header = group.querySelector("thead th.original")
    const heading = group.querySelector("h2")
    if (!header || header.textContent.trim() || !heading) return
    const text = document.createElement("span")
    text.className = "visually-hidden"
    text.textContent = heading.textContent.trim()
    header.append(text)
  }

  const labelAll = () => {
    for (const group of document.querySelectorAll(".inline-group .tabular")) nameTitleColumn(group)
    for (const row of document.querySelectorAll(".inline-group .tabular tbody tr.form-row")) labelRow(row)
  }

  document.addEventListener("DOMContentLoaded", labelAll)
  document.addEventListener("formset:added", (event) => {
    const row = event.target.closest?.("tr")
    if (row) labelRow(row)
  })
})()
