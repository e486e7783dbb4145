// Accessible language tabs for django-modeltranslation's tabbed admin (jQuery UI tabs).
//
// jQuery UI puts role="tab", aria-selected, aria-controls and the roving tabindex on the <li>
// and keeps the real link (<a class="ui-tabs-anchor">) inside it: an interactive control nested
// in another (axe: nested-interactive), and screen readers announce the tab twice. This extends
// the tabs widget, before modeltranslation creates any tabs (it does so on DOM ready; this file
// is loaded right after modeltranslation's, see ContentAdmin.Media), so that
// the link is the tab and the <li> is only presentation, after every state change: creation,
// refresh, click and the arrow/Home/End keys (which jQuery UI handles on the <li>; the key events
// bubble up from the focused link, so its keyboard support keeps working unchanged).
//
// It also gives the "switch all tabs" select a visible label; the translated text comes from
// the <meta name="strategy-language-switch-label"> in templates/admin/base_site.html.
;(($) => {
  if (!$ || !$.ui || !$.ui.tabs) return

  const TAB_ATTRIBUTES = ["role", "aria-selected", "aria-expanded", "aria-controls", "aria-labelledby", "tabindex"]

  $.widget("ui.tabs", $.ui.tabs, {
    _refresh() {
      this._super()
      this._moveTabSemanticsToLinks()
    },

    _toggle(event, eventData) {
      this._super(event, eventData)
      this._moveTabSemanticsToLinks()
    },

    _tabKeydown(event) {
      this._super(event)
      this._moveTabSemanticsToLinks()
    },

    // Focus the link, not the <li>: the link is the tab now.
    _focusNextTab(index, goingForward) {
      const next = this._findNextTab(index, goingForward)
      this.anchors.eq(next).trigger("focus")
      return next
    },

    // jQuery UI finds a tab's panel through the <li>'s aria-controls, which now sits on the link.
    _getPanelForTab(tab) {
      const id = $(tab).attr("aria-controls") || $(tab).find(".ui-tabs-anchor").attr("aria-controls")
      return id ? this.element.find(`#${CSS.escape(id)}`) : $()
    },

    _moveTabSemanticsToLinks() {
      if (!this.tabs || !this.anchors) return
      this.tabs.each((index, item) => {
        const $item = $(item)
        const $link = $(this.anchors[index])
        if (!$link.length) return
        const controls = $item.attr("aria-controls") || $link.attr("aria-controls")
        // jQuery UI sets aria-selected on the <li> it changes (at once on an arrow key, before
        // the delayed activation); the other tabs keep their state, as shown by the class.
        const state = $item.attr("aria-selected")
        const selected = state ? state === "true" : $item.hasClass("ui-tabs-active")
        $link.attr({
          role: "tab",
          "aria-controls": controls,
          "aria-selected": String(selected),
          tabindex: selected ? 0 : -1,
        })
        // The tab's name is its text (the language code); the title gives the language's name.
        $item.removeAttr(TAB_ATTRIBUTES.join(" ")).attr("role", "presentation")
      })
      // With no active tab (collapsed), keep the first one reachable by Tab.
      if (!this.anchors.filter('[tabindex="0"]').length) this.anchors.eq(0).attr("tabindex", 0)
    },
  })

  const labelMainSwitch = () => {
    const select = document.getElementById("modeltranslation-main-switch")
    const text = document.querySelector('meta[name="strategy-language-switch-label"]')?.content
    if (!select || !text || document.querySelector(`label[for="${select.id}"]`)) return
    const label = document.createElement("label")
    label.htmlFor = select.id
    label.className = "language-switch-label"
    label.textContent = text
    select.before(label)
  }

  // modeltranslation builds the select in its own ready handler, registered before this one.
  $(() => labelMainSwitch())
})(window.jQuery || window.django?.jQuery)
