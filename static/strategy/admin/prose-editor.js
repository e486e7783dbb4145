// The rich text editor in the admin (django-prose-editor), started without any inline script.
//
// django-prose-editor's own "configurable" preset needs an inline <script type="importmap">,
// which a strict Content-Security-Policy (script-src 'self') blocks. This module does the same
// job with a relative import, so it runs from static files alone. The editor's configuration
// (the allowed extensions) is in the textarea's data-django-prose-editor-gent attribute, written
// by strategy.widgets.RichTextWidget from the same list the server sanitises against.
import * as editorModule from "../../django_prose_editor/editor.js"

const marker = "data-django-prose-editor-gent"

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null
  const config = JSON.parse(textarea.getAttribute(marker) || "{}")
  const extensions = []
  for (const [name, options] of Object.entries(config.extensions || {})) {
    const extension = editorModule[name]
    if (!extension) continue
    extensions.push(typeof options === "object" ? extension.configure(options) : extension)
  }
  return editorModule.createTextareaEditor(textarea, extensions)
}

// Also handles inline rows added later (initializeEditors listens for formset:added).
editorModule.initializeEditors(createEditor, `[${marker}]`)
