// The sandbox admin frame: draws what the app asks of App Bridge (tests/sandbox/admin/app-bridge.js)
// and hands it session tokens minted by the sandbox (POST /__sandbox/session-token).
const config = JSON.parse(document.getElementById("sandbox-config").textContent);
const WORDS = {
  ja: { unsaved: "未保存の変更", save: "保存", discard: "破棄", note: "サンドボックス：Shopify にもインターネットにも接続しません", apps: "アプリ", home: "ホーム", orders: "注文", products: "商品", adminLink: "Shopify 管理画面では {href} を開きます（サンドボックスにはありません）" },
  en: { unsaved: "Unsaved changes", save: "Save", discard: "Discard", note: "Sandbox: no Shopify store and no internet", apps: "Apps", home: "Home", orders: "Orders", products: "Products", adminLink: "In the Shopify admin this opens {href} (not in the sandbox)" },
};
const locale = config.locale;
const words = WORDS[locale.startsWith("ja") ? "ja" : "en"];
const iframe = document.getElementById("app");
const $ = (id) => document.getElementById(id);
const EMBED_PARAMS = ["embedded", "shop", "host", "locale", "id_token", "hmac", "session", "timestamp"];

function appPathOf(pathname, search) {
  const path = pathname.slice(config.base.length) || "/app";
  const params = new URLSearchParams(search);
  for (const name of EMBED_PARAMS) params.delete(name);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

async function sessionToken() {
  const response = await fetch("/__sandbox/session-token", { method: "POST" });
  if (!response.ok) throw new Error(`session token: HTTP ${response.status}`);
  return (await response.json()).token;
}

/** The URL the admin loads an app's page with: its own params, then the admin's. */
async function load(path) {
  const url = new URL(path, location.origin);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", config.shop);
  url.searchParams.set("host", config.host);
  url.searchParams.set("locale", locale);
  url.searchParams.set("id_token", await sessionToken());
  iframe.src = url.pathname + url.search;
}

function showToast(message, isError, duration = 5000) {
  const toast = document.createElement("div");
  toast.className = `toast${isError ? " error" : ""}`;
  toast.setAttribute("role", "status");
  toast.textContent = message;
  $("toasts").append(toast);
  setTimeout(() => toast.remove(), duration);
  return toast;
}

let state = { nav: [], titleBar: { title: "", buttons: [], breadcrumb: null }, saveBar: { open: false }, path: "/app" };
const send = (message) => iframe.contentWindow.postMessage({ source: "sandbox-admin", ...message }, location.origin);

function navigate(href) {
  if (state.saveBar.open) {
    // As the admin does: leaving with unsaved changes shakes the save bar instead.
    $("savebar").classList.remove("shake");
    void $("savebar").offsetWidth;
    $("savebar").classList.add("shake");
    return;
  }
  send({ type: "navigate", href });
}

function activeHref(items, path) {
  const pathname = path.split("?")[0];
  const matches = items.filter((item) => (item.rel === "home" ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`)));
  return matches.sort((a, b) => b.href.length - a.href.length)[0]?.href ?? null;
}

function renderNav() {
  const nav = $("nav");
  const active = activeHref(state.nav, state.path);
  const home = state.nav.find((item) => item.rel === "home");
  nav.replaceChildren();
  for (const word of [words.home, words.orders, words.products]) {
    const item = document.createElement("span");
    item.className = "item";
    item.textContent = word;
    nav.append(item);
  }
  const section = document.createElement("div");
  section.className = "section";
  section.textContent = words.apps;
  nav.append(section);
  const app = document.createElement("a");
  app.className = `app${active === home?.href ? " active" : ""}`;
  app.href = "#";
  app.textContent = config.appName;
  app.addEventListener("click", (event) => {
    event.preventDefault();
    if (home) navigate(home.href);
  });
  nav.append(app);
  for (const item of state.nav.filter((entry) => entry.rel !== "home")) {
    const link = document.createElement("a");
    link.className = `sub${item.href === active ? " active" : ""}`;
    link.href = "#";
    link.textContent = item.label;
    link.dataset.href = item.href;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      navigate(item.href);
    });
    nav.append(link);
  }
}

function renderTitleBar() {
  const bar = $("titlebar");
  const { title, buttons, breadcrumb } = state.titleBar;
  bar.replaceChildren();
  if (breadcrumb) {
    const crumb = document.createElement("a");
    crumb.className = "crumb";
    crumb.textContent = breadcrumb.label;
    crumb.addEventListener("click", () => navigate(breadcrumb.href));
    bar.append(crumb);
  }
  const heading = document.createElement("h1");
  heading.textContent = title;
  bar.append(heading);
  const group = document.createElement("div");
  group.className = "buttons";
  buttons.forEach((button, index) => {
    const element = document.createElement("button");
    element.textContent = button.label;
    element.disabled = button.disabled;
    if (button.primary) element.className = "primary";
    element.addEventListener("click", () => send({ type: "titleBarAction", index }));
    group.append(element);
  });
  bar.append(group);
  document.title = title ? `${title} · ${config.appName}` : config.appName;
}

function renderSaveBar() {
  const bar = $("savebar");
  const { open, save, discard } = state.saveBar;
  bar.classList.toggle("open", open);
  bar.querySelector(".label").textContent = words.unsaved;
  const saveButton = bar.querySelector("button.save");
  const discardButton = bar.querySelector("button.discard");
  saveButton.textContent = save?.label || words.save;
  discardButton.textContent = discard?.label || words.discard;
  saveButton.disabled = !save || save.disabled;
  discardButton.disabled = !discard || discard.disabled;
}

$("savebar").querySelector("button.save").addEventListener("click", () => send({ type: "saveBarAction", action: "save" }));
$("savebar").querySelector("button.discard").addEventListener("click", () => send({ type: "saveBarAction", action: "discard" }));

addEventListener("message", async (event) => {
  if (event.source !== iframe.contentWindow || event.origin !== location.origin) return;
  const message = event.data;
  if (message?.source !== "sandbox-app-bridge") return;
  switch (message.type) {
    case "idToken":
      try {
        send({ type: "reply", id: message.id, token: await sessionToken() });
      } catch (error) {
        send({ type: "reply", id: message.id, error: String(error) });
      }
      return;
    case "state":
      state = message.state;
      renderNav();
      renderTitleBar();
      renderSaveBar();
      {
        // The address bar follows the app's page, as the admin's does; the language stays.
        const address = new URL(`${config.base}${state.path}`, location.origin);
        address.searchParams.set("locale", locale);
        history.replaceState(null, "", address.pathname + address.search);
      }
      return;
    case "toast":
      showToast(message.message, message.isError, message.duration);
      return;
    case "loading":
      $("loading").classList.toggle("on", message.on);
      return;
    case "modal":
      document.body.classList.toggle("modal-open", message.open);
      return;
    case "adminLink":
      showToast(words.adminLink.replace("{href}", message.href.replace(/^shopify:\/\//, "/")), false);
      return;
  }
});

$("note").textContent = words.note;
$("store").textContent = config.shop;
const picker = $("locale");
picker.value = locale.startsWith("ja") ? "ja" : "en";
picker.addEventListener("change", () => {
  const url = new URL(location.href);
  url.searchParams.set("locale", picker.value);
  location.href = url.toString();
});
renderNav();
void load(appPathOf(location.pathname, location.search));
