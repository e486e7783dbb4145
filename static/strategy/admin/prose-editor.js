// The rich text editor in the admin (django-prose-editor), started without any inline script.
//
// django-prose-editor's own "configurable" preset needs an inline <script type="importmap">,
// which a strict Content-Security-Policy (script-src 'self') blocks. This module does the same
// job with a relative import, so it runs from static files alone. The editor's configuration
// (the allowed extensions) is in the textarea's data-django-prose-editor-gent attribute, written
// by strategy.widgets.RichTextWidget from the same list the server sanitises against.
// Tiptap's base styles come from prose-editor.css instead of an injected <style> element
// (injectCSS: false), which a strict style-src would block as well.
import * as editorModule from "../../django_prose_editor/editor.js"

const { Editor, crel } = editorModule

function actuallyEmpty(html) {
  // ProseMirror always keeps one empty paragraph; an empty field should stay empty.
  return /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html
}

// As django-prose-editor's createTextareaEditor, with injectCSS switched off.
function createTextareaEditor(textarea, extensions) {
  const disabled = textarea.hasAttribute("disabled")
  const element = crel("div", { className: `prose-editor ${disabled ? "disabled" : ""}` })
  textarea.before(element)
  element.append(textarea)
  return new Editor({
    element,
    editable: !disabled,
    extensions,
    injectCSS: false,
    content: textarea.value,
    onUpdate({ editor }) {
      textarea.value = actuallyEmpty(editor.getHTML())
      textarea.dispatchEvent(new Event("input", { bubbles: true }))
    },
    onDestroy() {
      element.before(textarea)
      element.remove()
    },
  })
}

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
  const editor = createTextareaEditor(textarea, extensions)
  labelEditingArea(editor.view.dom, textarea)
  checkSpelling(editor.view.dom, textarea)
  const wrapper = editor.view.dom.closest(".prose-editor")
  translateToolbar(wrapper)
  editor.on("create", () => translateToolbar(wrapper))
  return editor
}

// The browser's spelling check, in the field's language (the server puts spellcheck and lang on
// the textarea: contentchecks/editing.py); the editing area replaces the textarea for typing.
function checkSpelling(area, textarea) {
  area.setAttribute("spellcheck", textarea.getAttribute("spellcheck") || "true")
  const lang = textarea.getAttribute("lang")
  if (lang) area.setAttribute("lang", lang)
}

// django-prose-editor names its toolbar buttons and heading menu in English, whatever the admin's
// language; its dialogs ask window.gettext. Both find their Dutch in the admin's JavaScript
// catalogue (locale/nl/LC_MESSAGES/djangojs.po).
function translateToolbar(wrapper) {
  const gettext = window.gettext || ((text) => text)
  if (!wrapper) return
  for (const button of wrapper.querySelectorAll(".prose-menubar [title]")) {
    const original = button.dataset.title || button.getAttribute("title")
    button.dataset.title = original
    button.title = gettext(original)
    button.setAttribute("aria-label", gettext(original))
  }
  for (const option of wrapper.querySelectorAll(".prose-menubar__option > *")) {
    const original = option.dataset.text || option.textContent
    option.dataset.text = original
    option.textContent = gettext(original)
  }
}

// The editing area (role="textbox") replaces the textarea for the editor, so it takes over the
// textarea's <label>: without it screen readers announce a nameless text box (aria-input-field-name).
function labelEditingArea(area, textarea) {
  const label = textarea.id && document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`)
  if (!label) return
  if (!label.id) label.id = `${textarea.id}-label`
  area.setAttribute("aria-labelledby", label.id)
  area.setAttribute("aria-multiline", "true")
}

// Also handles inline rows added later (initializeEditors listens for formset:added).
editorModule.initializeEditors(createEditor, `[${marker}]`)
