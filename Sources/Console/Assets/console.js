// The emulatord console: hash routes, one poll loop, plain DOM. Everything shown as text goes
// through textContent (never innerHTML), so SQL and errors cannot inject markup.
"use strict";

const api = (path, options) => fetch("/console/api/" + path, Object.assign({ credentials: "same-origin" }, options))
  .then(async (response) => {
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.message || response.statusText);
    return body;
  });

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const time = (iso) => iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) + "." + iso.slice(20, 23) : "";
// Keyed rendering: a row whose data did not change stays the same element across polls, so a
// button the user is about to click is not replaced under the pointer.
function fill(tbody, items, render) {
  const existing = new Map([...tbody.children].map((row) => [row.dataset.key, row]));
  const rows = items.map((item) => {
    const key = JSON.stringify(item);
    const row = existing.get(key) || render(item);
    row.dataset.key = key;
    return row;
  });
  const unchanged = rows.length === tbody.children.length && rows.every((row, i) => row === tbody.children[i]);
  if (!unchanged) tbody.replaceChildren(...rows);
}
const live = (ok) => document.getElementById("live").classList.toggle("stale", !ok);

// --- statements -------------------------------------------------------------------------------
function filters() {
  const params = new URLSearchParams();
  for (const input of document.getElementById("filters").elements) if (input.value) params.set(input.name, input.value);
  return params.toString();
}

function cancelButton(path) {
  return el("button", { class: "cancel", onclick: (event) => {
    event.stopPropagation();
    api(path, { method: "POST" }).catch((error) => alert(error.message)).finally(refresh);
  } }, "Cancel");
}

async function statements() {
  const list = await api("statements?" + filters());
  const open = (id) => () => { location.hash = "#/statement/" + encodeURIComponent(id); };
  fill(document.querySelector("#running tbody"), list.running, (s) =>
    el("tr", { "data-id": s.id, onclick: open(s.id) },
      el("td", {}, time(s.submittedAt)), el("td", {}, s.door), el("td", {}, s.target), el("td", {}, s.user),
      el("td", { class: s.status }, s.status), el("td", { class: "sql" }, s.sql),
      el("td", {}, cancelButton("statements/" + encodeURIComponent(s.id) + "/cancel"))));
  fill(document.querySelector("#ended tbody"), list.ended, (s) =>
    el("tr", { "data-id": s.id, onclick: open(s.id) },
      el("td", {}, time(s.submittedAt)), el("td", {}, s.door), el("td", {}, s.target), el("td", {}, s.user),
      el("td", { class: s.status }, s.status), el("td", {}, s.queue || ""), el("td", {}, s.durationMs ?? ""),
      el("td", {}, s.rows ?? ""), el("td", { class: "sql", title: s.error || s.sql }, s.sql)));
}

async function statement(id) {
  const s = await api("statements/" + encodeURIComponent(id));
  const r = s.row;
  const item = (name, value) => value === undefined || value === null || value === "" ? [] : [el("dt", {}, name), el("dd", {}, value)];
  const list = (items) => items.length ? el("ul", {}, items.map((x) => el("li", {}, x))) : "none";
  document.getElementById("statement").replaceChildren(
    el("h2", {}, "Statement " + r.id),
    s.cancellable ? cancelButton("statements/" + encodeURIComponent(r.id) + "/cancel") : "",
    el("dl", {},
      item("status", el("span", { class: r.status, id: "detail-status" }, r.status)), item("error", r.error),
      item("door", r.door), item("cluster", r.target), item("database", r.database), item("user", r.user),
      item("session", s.sessionId), item("batch", s.batchId), item("name", s.statementName),
      item("queue", r.queue), item("queue wait ms", s.queueWaitMs), item("duration ms", r.durationMs),
      item("rows", r.rows), item("query id", s.queryId), item("pid", s.pid), item("kind", s.statementClass)),
    el("h2", {}, "SQL"), el("pre", { id: "detail-sql" }, r.sql),
    el("h2", {}, "Parameters"), list(Object.entries(s.parameters).map(([k, v]) => k + " = " + v)),
    el("h2", {}, "Timeline"), list(s.timeline.map((t) => t.step + " " + time(t.at))),
    el("h2", {}, "SQLite SQL"), s.sqliteSQL.length ? el("pre", { id: "detail-sqlite" }, s.sqliteSQL.join(";\n")) : "not recorded (still running, or failed before it ran)",
    el("h2", {}, "Row-level security"), list(s.rowLevelSecurity),
    el("h2", {}, "Masking"), list(s.masking));
  return s.cancellable;
}

// --- sessions ---------------------------------------------------------------------------------
async function sessions() {
  const answer = await api("sessions");
  fill(document.querySelector("#sessions tbody"), answer.sessions, (s) =>
    el("tr", { "data-session": s.id },
      el("td", {}, time(s.createdAt)), el("td", {}, s.door), el("td", {}, s.target), el("td", {}, s.database),
      el("td", {}, s.user), el("td", {}, s.pid), el("td", {}, s.status), el("td", { class: "sql" }, s.currentSQL || ""),
      el("td", {}, s.currentStatementId ? cancelButton("sessions/" + encodeURIComponent(s.id) + "/cancel") : "")));
}

// --- WLM --------------------------------------------------------------------------------------
function chart(title, samples, window) {
  const width = 720, height = 140, left = 36, bottom = 18;
  const end = Date.now(), start = end - window * 1000;
  const max = Math.max(1, ...samples.map((s) => Math.max(s.slots || 0, s.inUse, s.waiting)));
  const x = (t) => left + (width - left - 4) * (new Date(t).getTime() - start) / (end - start);
  const y = (v) => (height - bottom) - (height - bottom - 6) * v / max;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", width); svg.setAttribute("height", height); svg.setAttribute("role", "img");
  const add = (tag, attributes, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    svg.append(node);
  };
  add("title", {}, title);
  add("line", { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: "#ccc" });
  add("text", { x: 0, y: y(max) + 4 }, max);
  add("text", { x: 0, y: height - bottom }, 0);
  add("text", { x: left, y: height - 4 }, "-10 min");
  add("text", { x: width - 30, y: height - 4 }, "now");
  for (const [key, color] of [["inUse", "#2f6fdf"], ["waiting", "#c2372f"]]) {
    const points = samples.map((s) => x(s.time).toFixed(1) + "," + y(s[key]).toFixed(1)).join(" ");
    add("polyline", { points, fill: "none", stroke: color, "stroke-width": 1.5, "data-series": key });
  }
  const latest = samples[samples.length - 1];
  return el("div", { class: "chart" }, el("h2", {}, title + (latest ? ` — ${latest.inUse} slots in use of ${latest.slots ?? "auto"}, ${latest.waiting} waiting` : "")), svg);
}

async function wlm() {
  const answer = await api("wlm");
  const box = document.getElementById("wlm");
  if (!answer.configured) {
    box.replaceChildren(el("p", { class: "hint" }, "No WLM configuration: start emulatord with --wlm FILE to see queues."));
    return;
  }
  const groups = new Map();
  for (const s of answer.samples) {
    const key = s.target + " · " + s.queue;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(s);
  }
  box.replaceChildren(...(groups.size ? [...groups].map(([k, v]) => chart(k, v, answer.window))
    : [el("p", { class: "hint" }, "No cluster has run a statement yet.")]));
}

// --- SQL editor -------------------------------------------------------------------------------
function setUpPane(form, user, defaults) {
  form.append(document.getElementById("pane").content.cloneNode(true));
  form.elements.cluster.value = defaults.target;
  form.elements.user.value = user;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = { sql: form.elements.sql.value, user: form.elements.user.value, database: form.elements.database.value || "dev" };
    body[defaults.kind] = form.elements.cluster.value || defaults.target;
    const out = form.querySelector(".result");
    out.replaceChildren(el("p", { class: "hint" }, "running…"));
    try {
      const r = await api("run", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      if (r.status !== "FINISHED") { out.replaceChildren(el("p", { class: "error" }, r.status + ": " + (r.error || ""))); return; }
      out.replaceChildren(
        el("p", { class: "hint" }, `${r.rowCount} row(s)${r.truncated ? ", first 1000 shown" : ""}, ${r.durationMs ?? ""} ms`),
        r.columns.length ? el("table", {},
          el("thead", {}, el("tr", {}, r.columns.map((c) => el("th", {}, c.name, el("br"), el("small", {}, c.type))))),
          el("tbody", {}, r.rows.map((row) => el("tr", {}, row.map((v) => el("td", { class: v === null ? "hint" : "" }, v === null ? "NULL" : v)))))) : "");
    } catch (error) {
      out.replaceChildren(el("p", { class: "error" }, error.message));
    }
  });
}

// --- replay report ----------------------------------------------------------------------------
function setUpReport() {
  const form = document.getElementById("report-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const url = "/console/api/report?path=" + encodeURIComponent(form.elements.path.value);
    const error = document.getElementById("report-error");
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) { error.textContent = (await response.json().catch(() => ({}))).message || response.statusText; return; }
    error.textContent = "";
    document.getElementById("report").src = url;
  });
}

// --- routing and polling ----------------------------------------------------------------------
let route = { view: "statements" };
let timer = null;

function parseRoute() {
  const parts = location.hash.replace(/^#\/?/, "").split("/");
  if (parts[0] === "statement" && parts[1]) return { view: "statement", id: decodeURIComponent(parts[1]) };
  return { view: ["statements", "sessions", "wlm", "sql", "report"].includes(parts[0]) ? parts[0] : "statements" };
}

async function refresh() {
  try {
    if (route.view === "statements") await statements();
    else if (route.view === "statement") { if (!(await statement(route.id)) && route.loaded) return live(true); route.loaded = true; }
    else if (route.view === "sessions") await sessions();
    else if (route.view === "wlm") await wlm();
    live(true);
  } catch (error) {
    live(false);
    if (route.view === "statement") document.getElementById("statement").replaceChildren(el("p", { class: "error" }, error.message));
  }
}

function show() {
  route = parseRoute();
  for (const section of document.querySelectorAll(".view")) section.classList.toggle("active", section.id === "view-" + route.view);
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("active", link.dataset.view === route.view || (route.view === "statement" && link.dataset.view === "statements"));
  clearInterval(timer);
  refresh();
  if (["statements", "statement", "sessions", "wlm"].includes(route.view)) timer = setInterval(refresh, route.view === "wlm" ? 1000 : 500);
}

document.getElementById("filters").addEventListener("input", refresh);
document.getElementById("filters").addEventListener("change", refresh);
window.addEventListener("hashchange", show);
api("defaults").then((defaults) => {
  setUpPane(document.getElementById("pane-a"), "awsuser", defaults);
  setUpPane(document.getElementById("pane-b"), "awsuser", defaults);
}).catch(() => live(false));
setUpReport();
show();
