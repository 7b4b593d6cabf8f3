/*
 * The sandbox's stand-in for App Bridge (https://cdn.shopify.com/shopifycloud/app-bridge.js),
 * which cannot be fetched offline. It gives the app what App Bridge 4 gives it, over
 * postMessage to the sandbox's admin frame (tests/sandbox/admin/frame.js), which draws the
 * admin's parts:
 * - `shopify.idToken()` and a fetch that adds `Authorization: Bearer <session token>` to
 *   requests to the app's own origin (App Bridge's fetch interceptor); the frame mints the
 *   tokens with the sandbox's own secret;
 * - `shopify.config` (apiKey, shop, host, locale), `shopify.toast`, `shopify.loading`;
 * - <ui-nav-menu>, <ui-title-bar> (title, buttons, breadcrumb) and <ui-save-bar>, drawn by
 *   the frame; <ui-modal>, drawn over the app's page (its content is the app's own DOM);
 * - `shopify:navigate` events for the frame's nav links, and shopify://admin links.
 * Only what @shopify/app-bridge-react 4 and this app use; nothing of it reaches production.
 */
(() => {
  const script = document.currentScript;
  const query = new URLSearchParams(location.search);
  const frame = window.parent !== window ? window.parent : null;
  const config = {
    apiKey: script?.dataset.apiKey ?? "",
    shop: query.get("shop") ?? "",
    host: query.get("host") ?? "",
    locale: query.get("locale") ?? "en",
  };
  const post = (message) => frame?.postMessage({ source: "sandbox-app-bridge", ...message }, location.origin);

  // -- Requests to the frame and their replies -------------------------------------------
  let sequence = 0;
  const waiting = new Map();
  const ask = (type, payload = {}) =>
    new Promise((resolve, reject) => {
      const id = ++sequence;
      waiting.set(id, { resolve, reject });
      post({ type, id, ...payload });
      setTimeout(() => {
        if (waiting.delete(id)) reject(new Error(`sandbox admin frame did not answer ${type}`));
      }, 10_000);
    });

  // -- Session tokens and the fetch interceptor ------------------------------------------
  let cached = null;
  const expiry = (token) => JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).exp;
  async function idToken() {
    if (cached && expiry(cached) - 10 > Date.now() / 1000) return cached;
    cached = (await ask("idToken")).token;
    return cached;
  }

  const nativeFetch = window.fetch.bind(window);
  window.fetch = async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin !== location.origin) return nativeFetch(input, init);
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.has("Authorization")) headers.set("Authorization", `Bearer ${await idToken()}`);
    return nativeFetch(input, { ...init, headers });
  };

  // -- The shopify global ------------------------------------------------------------------
  const byId = (id) => document.getElementById(id);
  window.shopify = {
    config,
    origin: location.origin,
    environment: { embedded: true, mobile: false, pos: false },
    idToken,
    toast: {
      show(message, options = {}) {
        const id = `toast-${++sequence}`;
        post({ type: "toast", id, message: String(message), isError: Boolean(options.isError), duration: options.duration ?? 5000 });
        return id;
      },
      hide(id) {
        post({ type: "toastHide", id });
      },
    },
    loading(on) {
      post({ type: "loading", on: Boolean(on) });
    },
    saveBar: {
      show: async (id) => byId(id)?.show(),
      hide: async (id) => byId(id)?.hide(),
      toggle: async (id) => byId(id)?.toggle(),
      leaveConfirmation: async () => {},
    },
    modal: {
      show: async (id) => byId(id)?.show(),
      hide: async (id) => byId(id)?.hide(),
      toggle: async (id) => byId(id)?.toggle(),
    },
  };

  // A constructed sheet, not a <style> element: React hydrates the whole document and would
  // drop an element it did not render.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`
    ui-nav-menu, ui-title-bar, ui-save-bar { display: none !important; }
    ui-modal { display: none; }
    .sandbox-modal-backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.5); z-index: 2147483000;
      display: flex; align-items: center; justify-content: center; }
    .sandbox-modal { background: #fff; border-radius: 12px; width: min(620px, calc(100vw - 32px)); max-height: calc(100vh - 64px);
      display: flex; flex-direction: column; box-shadow: 0 20px 40px rgba(0,0,0,.3); font: 14px/1.4 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans CJK JP", sans-serif; }
    .sandbox-modal header { display: flex; justify-content: space-between; align-items: center; padding: 12px 16px;
      background: #f3f3f3; border-radius: 12px 12px 0 0; border-bottom: 1px solid #e3e3e3; font-weight: 650; }
    .sandbox-modal header button { border: 0; background: none; font-size: 20px; cursor: pointer; line-height: 1; }
    .sandbox-modal .sandbox-modal-body { overflow: auto; }
    .sandbox-modal footer { display: flex; justify-content: flex-end; gap: 8px; padding: 12px 16px; border-top: 1px solid #e3e3e3; }
    .sandbox-modal footer button { border: 1px solid #c9c9c9; background: #fff; border-radius: 8px; padding: 6px 12px; font: inherit; cursor: pointer; }
    .sandbox-modal footer button.primary { background: #303030; color: #fff; border-color: #303030; }
    .sandbox-modal footer button.critical { background: #c70a24; color: #fff; border-color: #c70a24; }
  `);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

  /** The label of an App Bridge child button: its text, trimmed. */
  const label = (element) => (element.textContent ?? "").trim();
  const isBreadcrumb = (element) => element.getAttribute("variant") === "breadcrumb";
  const isDisabled = (element) => element.hasAttribute("disabled") && element.getAttribute("disabled") !== "false";

  // -- Nav menu ----------------------------------------------------------------------------
  function navItems() {
    const menu = document.querySelector("ui-nav-menu");
    return menu ? [...menu.querySelectorAll("a")].map((a) => ({ label: label(a), href: a.getAttribute("href"), rel: a.getAttribute("rel") })) : [];
  }

  // -- Title bar (the page's, not a modal's) -----------------------------------------------
  function pageTitleBar() {
    return [...document.querySelectorAll("ui-title-bar")].find((bar) => !bar.closest("ui-modal")) ?? null;
  }
  function titleBarState() {
    const bar = pageTitleBar();
    if (!bar) return { title: "", buttons: [], breadcrumb: null };
    const children = [...bar.children];
    const crumb = children.find(isBreadcrumb);
    return {
      title: bar.getAttribute("title") ?? "",
      breadcrumb: crumb ? { label: label(crumb), href: crumb.getAttribute("href") } : null,
      buttons: children
        .filter((child) => child.tagName === "BUTTON" && !isBreadcrumb(child))
        .map((button) => ({ label: label(button), primary: button.getAttribute("variant") === "primary", disabled: isDisabled(button) })),
    };
  }

  // -- Save bar -------------------------------------------------------------------------------
  let openSaveBar = null;
  function saveBarState() {
    if (!openSaveBar || !openSaveBar.isConnected) return { open: false };
    const buttons = [...openSaveBar.querySelectorAll("button")];
    const describe = (button) => (button ? { label: label(button), disabled: isDisabled(button) } : null);
    return {
      open: true,
      save: describe(buttons.find((b) => b.getAttribute("variant") === "primary")),
      discard: describe(buttons.find((b) => b.getAttribute("variant") !== "primary")),
    };
  }

  // Everything the frame draws, sent again whenever the page's App Bridge elements change.
  let last = "";
  let scheduled = false;
  function sync() {
    scheduled = false;
    const state = {
      nav: navItems(),
      titleBar: titleBarState(),
      saveBar: saveBarState(),
      path: location.pathname + location.search,
    };
    const text = JSON.stringify(state);
    if (text === last) return;
    last = text;
    post({ type: "state", state });
  }
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(sync);
    }
  };
  new MutationObserver(schedule).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
  for (const method of ["pushState", "replaceState"]) {
    const original = history[method].bind(history);
    history[method] = (...args) => {
      original(...args);
      schedule();
    };
  }
  addEventListener("popstate", schedule);

  class UINavMenu extends HTMLElement {}
  class UITitleBar extends HTMLElement {}

  class UISaveBar extends HTMLElement {
    get showing() {
      return openSaveBar === this;
    }
    async show() {
      if (openSaveBar === this) return;
      openSaveBar = this;
      this.dispatchEvent(new CustomEvent("show"));
      schedule();
    }
    async hide() {
      if (openSaveBar !== this) return;
      openSaveBar = null;
      this.dispatchEvent(new CustomEvent("hide"));
      schedule();
    }
    async toggle() {
      return this.showing ? this.hide() : this.show();
    }
    disconnectedCallback() {
      if (openSaveBar === this) openSaveBar = null;
      schedule();
    }
  }

  class UIModal extends HTMLElement {
    constructor() {
      super();
      // React portals the modal's content here (App Bridge's `modal.content`).
      this.content = document.createElement("div");
      this.backdrop = null;
    }
    get showing() {
      return this.backdrop !== null;
    }
    async show() {
      if (this.backdrop) return;
      const backdrop = document.createElement("div");
      backdrop.className = "sandbox-modal-backdrop";
      const dialog = document.createElement("div");
      dialog.className = "sandbox-modal";
      dialog.setAttribute("role", "dialog");
      dialog.setAttribute("aria-modal", "true");
      const header = document.createElement("header");
      const title = document.createElement("span");
      const close = document.createElement("button");
      close.type = "button";
      close.textContent = "×";
      close.setAttribute("aria-label", "Close");
      close.addEventListener("click", () => this.hide());
      header.append(title, close);
      const body = document.createElement("div");
      body.className = "sandbox-modal-body";
      body.append(this.content);
      const footer = document.createElement("footer");
      dialog.append(header, body, footer);
      backdrop.append(dialog);
      backdrop.addEventListener("click", (event) => {
        if (event.target === backdrop) this.hide();
      });
      this.backdrop = backdrop;
      this.render = () => {
        const bar = this.querySelector("ui-title-bar");
        title.textContent = bar?.getAttribute("title") ?? "";
        dialog.setAttribute("aria-label", title.textContent);
        footer.replaceChildren(
          ...[...(bar?.querySelectorAll("button") ?? [])].reverse().map((original) => {
            const button = document.createElement("button");
            button.type = "button";
            button.textContent = label(original);
            button.disabled = isDisabled(original);
            if (original.getAttribute("variant") === "primary") button.className = original.getAttribute("tone") === "critical" ? "critical" : "primary";
            button.addEventListener("click", () => original.click());
            return button;
          }),
        );
      };
      this.observer = new MutationObserver(() => this.render());
      this.observer.observe(this, { subtree: true, childList: true, attributes: true, characterData: true });
      this.render();
      document.body.append(backdrop);
      post({ type: "modal", open: true });
      this.dispatchEvent(new CustomEvent("show"));
    }
    async hide() {
      if (!this.backdrop) return;
      this.observer.disconnect();
      this.backdrop.remove();
      this.backdrop = null;
      post({ type: "modal", open: false });
      this.dispatchEvent(new CustomEvent("hide"));
    }
    async toggle() {
      return this.showing ? this.hide() : this.show();
    }
    disconnectedCallback() {
      void this.hide();
    }
  }

  customElements.define("ui-nav-menu", UINavMenu);
  customElements.define("ui-title-bar", UITitleBar);
  customElements.define("ui-save-bar", UISaveBar);
  customElements.define("ui-modal", UIModal);

  addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const modal of document.querySelectorAll("ui-modal")) void modal.hide();
  });

  // shopify://admin/… links leave the app for an admin page: the frame says where they lead.
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element ? event.target.closest("a[href^='shopify:']") : null;
      if (!link) return;
      event.preventDefault();
      post({ type: "adminLink", href: link.getAttribute("href") });
    },
    true,
  );

  // -- What the frame asks of the page -----------------------------------------------------
  addEventListener("message", (event) => {
    if (event.source !== frame || event.origin !== location.origin || event.data?.source !== "sandbox-admin") return;
    const message = event.data;
    switch (message.type) {
      case "reply": {
        const pending = waiting.get(message.id);
        waiting.delete(message.id);
        if (!pending) return;
        if (message.error) pending.reject(new Error(message.error));
        else pending.resolve(message);
        return;
      }
      case "navigate": {
        // As App Bridge does for its nav menu: the app's AppProvider navigates on this event.
        const anchor = [...document.querySelectorAll("ui-nav-menu a, ui-title-bar a")].find((a) => a.getAttribute("href") === message.href);
        const target = anchor ?? Object.assign(document.createElement("a"), { href: message.href });
        if (!anchor) target.setAttribute("href", message.href);
        if (!anchor) document.body.append(target);
        target.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true }));
        if (!anchor) target.remove();
        return;
      }
      case "titleBarAction": {
        const buttons = [...(pageTitleBar()?.children ?? [])].filter((child) => child.tagName === "BUTTON" && !isBreadcrumb(child));
        buttons[message.index]?.click();
        return;
      }
      case "saveBarAction": {
        const buttons = [...(openSaveBar?.querySelectorAll("button") ?? [])];
        const button = buttons.find((b) => (b.getAttribute("variant") === "primary") === (message.action === "save"));
        button?.click();
        return;
      }
    }
  });

  sync();
})();
