// pulse console: a small page over pulse's own API. Credentials (a project key, or a console
// link's token) live in sessionStorage, for this tab only, and go out only as request headers
// to this origin. Every value from the server is shown as text, never parsed as HTML.
"use strict";

const store = window.sessionStorage;
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "onclick" || k === "onchange" || k === "onsubmit") e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function credentials() {
  const link = store.getItem("pulse.link");
  if (link) return { headers: { Authorization: "Bearer " + link }, link: true };
  const key = store.getItem("pulse.key");
  if (key) return { headers: { "X-Pulse-Key": key }, link: false };
  return null;
}

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error && body.error.message) || "HTTP " + status);
    this.status = status;
  }
}

async function api(method, path, body) {
  const c = credentials();
  const headers = Object.assign({ Accept: "application/json" }, c ? c.headers : {});
  const init = { method, headers, credentials: "omit", cache: "no-store" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (_) { json = null; }
  if (!res.ok) {
    if (res.status === 401) signOut(json && json.error ? json.error.message : "Signed out.");
    throw new ApiError(res.status, json);
  }
  return json;
}

function when(ts) {
  if (!ts) return "—";
  const d = new Date(ts);
  return isNaN(d) ? ts : d.toLocaleString();
}

function badge(status) {
  return el("span", { class: "badge s-" + status }, status);
}

function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? "?" + s : "";
}

function route() {
  const h = location.hash.replace(/^#/, "") || "/logs";
  const [path, query] = h.split("?");
  return { parts: path.split("/").filter(Boolean), query: new URLSearchParams(query || "") };
}

function show(view) {
  $("signin").hidden = true;
  const v = $("view");
  v.hidden = false;
  v.replaceChildren(view);
}

function failure(e) {
  return el("p", { class: "error", role: "alert" }, e.message || String(e));
}

// ---------------------------------------------------------------- sign in and out

function signOut(message) {
  store.removeItem("pulse.key");
  store.removeItem("pulse.link");
  stopLive();
  $("nav").hidden = true;
  $("signout").hidden = true;
  $("who").textContent = "";
  $("view").hidden = true;
  $("signin").hidden = false;
  $("signin-error").textContent = message || "";
}

function linkClaims(token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(part));
  } catch (_) {
    return {};
  }
}

function signedIn() {
  const c = credentials();
  $("nav").hidden = false;
  $("signout").hidden = false;
  if (c.link) {
    const claims = linkClaims(store.getItem("pulse.link"));
    const kind = claims.scope === "console:manage" ? "Manage link (endpoints)" : "Read-only link";
    $("who").textContent = kind + " · " + (claims.sub || "") + " · until " + when(claims.exp * 1000);
  } else {
    $("who").textContent = "Signed in with a project key";
  }
  startLive();
  render();
}

$("signin-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const key = $("key").value.trim();
  store.setItem("pulse.key", key);
  store.removeItem("pulse.link");
  try {
    await api("GET", "/v1/webhooks/endpoints?limit=1");
    $("key").value = "";
    signedIn();
  } catch (e) {
    signOut(e.status === 401 ? "That key was not accepted." : e.message);
  }
});

$("signout").addEventListener("click", () => signOut(""));

// ---------------------------------------------------------------- live updates

let live = null;
let refreshTimer = null;

function stopLive() {
  if (live) live.abort();
  live = null;
}

// The event stream needs the credential header, which EventSource cannot send: read it with
// fetch instead, and redraw the deliveries list when events arrive.
async function startLive() {
  stopLive();
  const c = credentials();
  if (!c) return;
  live = new AbortController();
  const signal = live.signal;
  try {
    const res = await fetch("/v1/webhooks/stream", { headers: c.headers, signal, credentials: "omit" });
    if (!res.ok || !res.body) return;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let i;
      while ((i = buffer.indexOf("\n\n")) >= 0) {
        const chunk = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (chunk.split("\n").some((l) => l.startsWith("data:"))) onLiveEvent();
      }
    }
  } catch (_) {
    // Aborted, or the daemon went away: try again shortly while signed in.
  }
  if (!signal.aborted && credentials()) setTimeout(startLive, 3000);
}

function onLiveEvent() {
  const r = route();
  if (r.parts[0] !== "logs" || r.parts.length > 1) return;
  clearTimeout(refreshTimer);
  // Deliveries are written just after their event: give the first attempt a moment.
  refreshTimer = setTimeout(render, 400);
}

// ---------------------------------------------------------------- deliveries

let eventNames = null;

async function events() {
  if (!eventNames) {
    const doc = await fetch("/v1/openapi.json").then((r) => r.json());
    eventNames = doc.components.schemas.EventKind.enum;
  }
  return eventNames;
}

function select(name, label, options, current) {
  const s = el("select", { id: "f-" + name, name, "aria-label": label },
    el("option", { value: "" }, label + ": all"),
    options.map(([v, t]) => el("option", { value: v, selected: v === current }, t)));
  return s;
}

async function logsView(q) {
  const page = Math.max(1, parseInt(q.get("page") || "1", 10));
  const filters = { status: q.get("status") || "", event: q.get("event") || "", endpoint_id: q.get("endpoint_id") || "" };
  const [logs, endpoints, names] = await Promise.all([
    api("GET", "/v1/webhooks/logs" + qs(Object.assign({ page: String(page), limit: "25" }, filters))),
    api("GET", "/v1/webhooks/endpoints?limit=100"),
    events(),
  ]);
  const urls = Object.fromEntries(endpoints.data.map((e) => [e.endpoint_id, e.url]));
  const apply = () => {
    const f = {
      status: $("f-status").value, event: $("f-event").value, endpoint_id: $("f-endpoint_id").value,
    };
    location.hash = "#/logs" + qs(f);
  };
  const bar = el("form", { class: "bar", onchange: apply, onsubmit: (e) => e.preventDefault() },
    select("status", "Status", ["pending", "retrying", "delivered", "failed"].map((s) => [s, s]), filters.status),
    select("event", "Event", names.map((n) => [n, n]), filters.event),
    select("endpoint_id", "Endpoint", endpoints.data.map((e) => [e.endpoint_id, e.url]), filters.endpoint_id));
  const testEvent = el("select", { id: "test-event", "aria-label": "Test event" }, names.map((n) => el("option", { value: n }, n)));
  const testResult = el("span", { class: "muted", id: "test-result" });
  const test = el("div", { class: "bar" }, testEvent,
    el("button", {
      type: "button", id: "send-test",
      onclick: async () => {
        try {
          const r = await api("POST", "/v1/webhooks/test", { event: testEvent.value });
          testResult.textContent = "Sent " + r.event.event + " to " + r.deliveries.length + " endpoint(s).";
          setTimeout(render, 500);
        } catch (e) { testResult.textContent = e.message; }
      },
    }, "Send test event"), testResult);
  const rows = logs.data.map((l) => el("tr", { class: "link", "data-id": l.id, onclick: () => { location.hash = "#/logs/" + l.id; } },
    el("td", {}, when(l.created_at)),
    el("td", {}, el("a", { href: "#/logs/" + l.id }, l.event)),
    el("td", { class: "wide" }, urls[l.endpoint_id] || l.url),
    el("td", {}, badge(l.status)),
    el("td", {}, l.attempt_count + " / " + l.max_attempts),
    el("td", {}, l.last_status_code || (l.last_error ? l.last_error : "—"))));
  const p = logs.pagination;
  const go = (n) => { location.hash = "#/logs" + qs(Object.assign({}, filters, { page: n > 1 ? String(n) : "" })); };
  return el("div", {},
    el("h1", {}, "Deliveries ", el("span", { id: "live", class: "muted" }, "· live")),
    bar, test,
    el("div", { class: "table" }, el("table", { id: "logs" },
      el("thead", {}, el("tr", {}, ["Time", "Event", "Endpoint", "Status", "Attempts", "Last answer"].map((h, i) => el("th", { class: i === 2 ? "wide" : null }, h)))),
      el("tbody", {}, rows.length ? rows : el("tr", {}, el("td", { colspan: 6, class: "muted" }, "No deliveries match."))))),
    el("div", { class: "bar" },
      el("button", { type: "button", disabled: page <= 1, onclick: () => go(page - 1) }, "← Newer"),
      el("span", { class: "muted" }, "Page " + p.page + " of " + Math.max(1, p.total_pages) + " · " + p.total + " deliveries"),
      el("button", { type: "button", disabled: page >= p.total_pages, onclick: () => go(page + 1) }, "Older →")));
}

async function logView(id) {
  const log = await api("GET", "/v1/webhooks/logs/" + encodeURIComponent(id));
  const link = credentials().link;
  const result = el("p", { id: "replay-result", role: "status" });
  const replay = async (url) => {
    result.textContent = "Sending…";
    try {
      const r = await api("POST", "/v1/webhooks/logs/" + encodeURIComponent(id) + "/replay", url ? { url } : {});
      result.textContent = "Attempt " + r.attempt.attempt + ": " + (r.attempt.status_code || r.attempt.error || "no answer");
      show(await logView(id));
      $("replay-result").textContent = result.textContent;
    } catch (e) { result.textContent = e.message; }
  };
  const other = el("input", { id: "replay-url", type: "url", placeholder: "https://other.example.com/hooks", "aria-label": "Replay to URL" });
  const attempts = log.attempts.slice().reverse().map((a) => el("tr", { class: "attempt" },
    el("td", {}, a.attempt), el("td", {}, when(a.at)), el("td", {}, a.trigger),
    el("td", {}, a.status_code ? badge(a.status_code >= 200 && a.status_code < 300 ? "delivered" : "failed") : "—", " ", a.status_code || ""),
    el("td", {}, a.duration_ms + " ms"), el("td", {}, a.error || "—"),
    el("td", { class: "wide" }, a.url),
    el("td", {}, a.response_body ? el("pre", {}, a.response_body) : "—")));
  return el("div", {},
    el("p", {}, el("a", { href: "#/logs" }, "← Deliveries")),
    el("h1", {}, log.event, " ", badge(log.status)),
    el("dl", {},
      el("dt", {}, "Delivery"), el("dd", {}, log.id),
      el("dt", {}, "Event"), el("dd", {}, log.event_id),
      el("dt", {}, "Endpoint"), el("dd", {}, log.url),
      el("dt", {}, "Created"), el("dd", {}, when(log.created_at)),
      el("dt", {}, "Attempts"), el("dd", { id: "attempt-count" }, log.attempt_count + " of " + log.max_attempts),
      el("dt", {}, "Next attempt"), el("dd", {}, when(log.next_attempt_at)),
      el("dt", {}, "Delivered"), el("dd", {}, when(log.delivered_at))),
    el("div", { class: "bar" },
      el("button", { type: "button", class: "primary", id: "replay", onclick: () => replay(null) }, "Replay"),
      link ? null : [other, el("button", { type: "button", id: "replay-to", onclick: () => other.value && replay(other.value) }, "Replay to this URL")]),
    result,
    el("h2", {}, "Attempts"),
    el("div", { class: "table" }, el("table", { id: "attempts" },
      el("thead", {}, el("tr", {}, ["#", "Time", "Trigger", "Answer", "Took", "Error", "URL", "Response body"].map((h, i) => el("th", { class: i === 6 ? "wide" : null }, h)))),
      el("tbody", {}, attempts))),
    el("h2", {}, "Payload"),
    el("pre", { id: "payload" }, JSON.stringify(log.payload, null, 2)));
}

// ---------------------------------------------------------------- endpoints and media

// A small bar chart of an endpoint's daily success rate (drawn here: no charting library).
function svg(tag, attrs) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function healthChart(daily) {
  const w = 10, gap = 3, h = 24;
  const chart = svg("svg", { class: "health", width: daily.length * (w + gap), height: h, role: "img",
    "aria-label": "Success rate of the last " + daily.length + " days" });
  daily.forEach((d, i) => {
    const r = d.success_rate;
    const tall = r === null ? 2 : Math.max(2, Math.round(r * h));
    const bar = svg("rect", { x: i * (w + gap), y: h - tall, width: w, height: tall,
      class: r === null ? "none" : r >= 0.99 ? "good" : r >= 0.9 ? "fair" : "bad" });
    const title = svg("title", {});
    title.textContent = d.date + ": " + (r === null ? "nothing finished" : Math.round(r * 1000) / 10 + " %")
      + " (" + d.delivered + " delivered, " + d.failed + " failed)";
    bar.append(title);
    chart.append(bar);
  });
  return chart;
}

// Whether this sign-in may change endpoints: a project key, or a link minted with --manage.
function canManage() {
  const c = credentials();
  return !!c && (!c.link || linkClaims(store.getItem("pulse.link")).scope === "console:manage");
}

function splitList(text) {
  return text.split(",").map((s) => s.trim()).filter(Boolean);
}

// The form that adds an endpoint, or changes one (`e`); `done` gets what to say afterwards.
function endpointForm(e, done) {
  const id = (name) => (e ? "ep-edit-" : "ep-") + name;
  const url = el("input", { id: id("url"), type: "url", required: true, placeholder: "https://example.com/hooks", value: e ? e.url : null });
  const events = el("input", { id: id("events"), placeholder: "every event, or e.g. room_started, egress_ended", value: e ? e.events.join(", ") : null });
  const description = el("input", { id: id("description"), placeholder: "a note for people", value: e ? e.description : null });
  const error = el("p", { class: "error", role: "alert" });
  const submit = async (ev) => {
    ev.preventDefault();
    error.textContent = "";
    // An empty description clears one being edited, and is left out of a new endpoint.
    const body = { url: url.value.trim(), events: splitList(events.value), description: description.value.trim() || (e ? "" : undefined) };
    try {
      if (e) {
        await api("PATCH", "/v1/webhooks/endpoints/" + encodeURIComponent(e.endpoint_id), body);
        done("Saved " + e.endpoint_id + ".");
      } else {
        const made = await api("POST", "/v1/webhooks/endpoints", body);
        done("Added " + made.endpoint_id + ". Its secret, shown only now:", made.secret);
      }
    } catch (err) {
      error.textContent = err.message;
    }
  };
  return el("form", { id: id("form"), class: "endpoint-form", onsubmit: submit },
    el("label", {}, "URL ", url), el("label", {}, "Events ", events), el("label", {}, "Description ", description),
    el("button", { type: "submit", class: "primary" }, e ? "Save" : "Add endpoint"),
    e ? el("button", { type: "button", onclick: () => done(null) }, "Cancel") : null,
    error);
}

// The buttons that change one endpoint; a removal asks to be clicked twice.
function endpointActions(e, done, edit) {
  const path = "/v1/webhooks/endpoints/" + encodeURIComponent(e.endpoint_id);
  const act = (f) => async () => {
    try { await f(); } catch (err) { done("Could not change " + e.endpoint_id + ": " + err.message); }
  };
  const remove = el("button", { type: "button", class: "remove" }, "Remove");
  remove.addEventListener("click", act(async () => {
    if (remove.dataset.armed !== "1") {
      remove.dataset.armed = "1";
      remove.textContent = "Click again to remove";
      return;
    }
    await api("DELETE", path);
    done("Removed " + e.endpoint_id + ".");
  }));
  return el("div", { class: "actions" },
    el("button", { type: "button", class: "edit", onclick: edit }, "Edit"),
    el("button", { type: "button", class: "toggle", onclick: act(async () => {
      await api("PATCH", path, { enabled: !e.enabled });
      done((e.enabled ? "Disabled " : "Enabled ") + e.endpoint_id + ".");
    }) }, e.enabled ? "Disable" : "Enable"),
    el("button", { type: "button", class: "rotate", onclick: act(async () => {
      const r = await api("POST", path + "/rotate-secret", {});
      done("New secret for " + e.endpoint_id + " (the old one signs for another day), shown only now:", r.secret);
    }) }, "Rotate secret"),
    remove);
}

async function endpointsView(notice) {
  const manage = canManage();
  const list = await api("GET", "/v1/webhooks/endpoints?limit=100");
  const stats = await Promise.all(list.data.map((e) =>
    api("GET", "/v1/webhooks/endpoints/" + encodeURIComponent(e.endpoint_id) + "/stats").catch(() => null)));
  const done = async (message, secret) => show(await endpointsView(message ? { message, secret } : null));
  const rows = list.data.map((e, i) => {
    const s = stats[i];
    const rate = s && s.success_rate !== null ? Math.round(s.success_rate * 1000) / 10 + " %" : "—";
    const policy = [e.rate_limit ? e.rate_limit + "/s" : null, e.ordering === "resource" ? "in order per resource" : null]
      .filter(Boolean).join(" · ");
    const row = el("tr", { "data-id": e.endpoint_id },
      el("td", {}, el("a", { href: "#/logs" + qs({ endpoint_id: e.endpoint_id }) }, e.url), el("div", { class: "muted" }, e.description || ""),
        policy ? el("div", { class: "muted" }, policy) : null),
      el("td", { class: "wide" }, e.events.length ? e.events.join(", ") : "every event"),
      el("td", {}, badge(e.enabled ? "enabled" : "disabled"), e.disabled_reason ? el("div", { class: "muted" }, e.disabled_reason) : null),
      el("td", {}, rate, s ? el("div", { class: "muted" }, s.delivered + " delivered · " + s.failed + " failed · " + s.pending + " pending") : null,
        s && s.daily ? healthChart(s.daily) : null));
    if (manage) {
      row.append(el("td", {}, endpointActions(e, done, () => {
        row.after(el("tr", { class: "editing" }, el("td", { colspan: 5 }, endpointForm(e, done))));
      })));
    }
    return row;
  });
  const heads = ["URL", "Events", "State", "Success, 24 h · 7 days"].concat(manage ? ["Change"] : []);
  return el("div", {}, el("h1", {}, "Endpoints"),
    notice ? el("div", { id: "endpoint-notice", class: "notice", role: "status" }, notice.message,
      notice.secret ? el("code", { id: "endpoint-secret" }, notice.secret) : null) : null,
    manage ? endpointForm(null, done) : null,
    el("div", { class: "table" }, el("table", { id: "endpoints" },
      el("thead", {}, el("tr", {}, heads.map((h, i) => el("th", { class: i === 1 ? "wide" : null }, h)))),
      el("tbody", {}, rows.length ? rows : el("tr", {}, el("td", { colspan: heads.length, class: "muted" }, "No endpoints yet."))))));
}

// Only http(s) URLs become links: anything else (a `javascript:` URL from a stored value) is text.
function linkOrDash(url) {
  if (!url) return "—";
  return /^https?:\/\//i.test(url) ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, url) : url;
}

// An egress's start attempts (a start LiveKit failed at least once) and its error, under its status.
function egressState(e) {
  const r = e.start_retry;
  const retry = r ? el("div", { class: "muted start-retry" },
    `start: attempt ${r.attempts} of ${r.max_attempts}` + (r.next_attempt_at ? `, next at ${when(r.next_attempt_at)}` : "")
    + (r.last_error ? ` (last: ${r.last_error})` : "")) : null;
  return [badge(e.status), retry, e.error ? el("div", { class: "muted" }, e.error) : null];
}

async function mediaView() {
  const [egress, ingress] = await Promise.all([api("GET", "/v1/media/egress?limit=50"), api("GET", "/v1/media/ingress?limit=50")]);
  const eg = egress.data.map((e) => el("tr", { "data-id": e.egress_id },
    el("td", {}, e.room_name),
    el("td", {}, (e.outputs || [e.output_type]).join(" + "), e.part ? el("div", { class: "muted" }, `part ${e.part}`) : null,
      e.rule_id ? el("div", { class: "muted" }, `rule ${e.rule_id}`) : null),
    el("td", {}, ...egressState(e)),
    el("td", {}, when(e.started_at)), el("td", {}, when(e.ended_at)),
    el("td", {}, linkOrDash(e.cdn_playback_url || e.file_url), e.recording ? el("div", {}, badge(e.recording.verification)) : null)));
  const ing = ingress.data.map((i) => el("tr", {},
    el("td", {}, i.room_name), el("td", {}, i.ingress_type), el("td", {}, badge(i.status)),
    el("td", {}, i.rtmp_url || i.whip_url || i.url || "—"), el("td", {}, when(i.created_at))));
  const table = (id, heads, rows) => el("div", { class: "table" }, el("table", { id },
    el("thead", {}, el("tr", {}, heads.map((h) => el("th", {}, h)))),
    el("tbody", {}, rows.length ? rows : el("tr", {}, el("td", { colspan: heads.length, class: "muted" }, "None yet.")))));
  return el("div", {}, el("h1", {}, "Media"),
    el("h2", {}, "Egress"), table("egress", ["Room", "Output", "Status", "Started", "Ended", "Playback / file"], eg),
    el("h2", {}, "Ingress"), table("ingress", ["Room", "Type", "Status", "Ingest URL", "Created"], ing));
}

// ---------------------------------------------------------------- usage

// The last 30 days by day: a bar per day for participant and egress minutes (drawn here, no
// charting library), and each meter's total.
async function usageView() {
  const u = await api("GET", "/v1/usage" + qs({ from: "30d", granularity: "day" }));
  const days = [];
  for (let t = Date.parse(u.from.slice(0, 10) + "T00:00:00Z"); t <= Date.parse(u.to); t += 86400000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  const per = (pred) => days.map((d) => u.rows.filter((r) => r.start.startsWith(d) && pred(r.meter))
    .reduce((n, r) => n + r.quantity, 0));
  const series = [
    ["participant minutes", "participants", per((m) => m === "participant_minutes")],
    ["egress minutes", "egress", per((m) => m.startsWith("egress_minutes."))],
  ];
  const chart = (label, cls, values) => {
    const w = 12, gap = 2, h = 60, top = Math.max(1, ...values);
    const c = svg("svg", { class: "usage " + cls, width: values.length * (w + gap), height: h, role: "img", "aria-label": label + " per day" });
    values.forEach((v, i) => {
      const tall = v ? Math.max(2, Math.round((v / top) * h)) : 1;
      const bar = svg("rect", { x: i * (w + gap), y: h - tall, width: w, height: tall });
      const title = svg("title", {});
      title.textContent = days[i] + ": " + v + " " + label;
      bar.append(title);
      c.append(bar);
    });
    return el("div", { class: "chart" }, el("h2", {}, label + ", last 30 days"), c);
  };
  const totals = Object.entries(u.totals).map(([m, q]) => el("tr", {}, el("td", {}, m), el("td", { class: "num" }, String(q))));
  return el("div", {}, el("h1", {}, "Usage"),
    ...series.map(([label, cls, values]) => chart(label, cls, values)),
    el("h2", {}, "Totals"),
    el("div", { class: "table" }, el("table", { id: "usage-totals" },
      el("thead", {}, el("tr", {}, el("th", {}, "Meter"), el("th", {}, "Total"))),
      el("tbody", {}, totals))));
}

// ---------------------------------------------------------------- routing

let rendering = 0;

async function render() {
  if (!credentials()) return signOut("");
  const r = route();
  const tab = r.parts[0] || "logs";
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("active", a.dataset.tab === tab);
  const mine = ++rendering;
  try {
    let view;
    if (tab === "logs" && r.parts[1]) view = await logView(decodeURIComponent(r.parts[1]));
    else if (tab === "endpoints") view = await endpointsView();
    else if (tab === "media") view = await mediaView();
    else if (tab === "usage") view = await usageView();
    else view = await logsView(r.query);
    if (mine === rendering) show(view);
  } catch (e) {
    if (mine === rendering && credentials()) show(failure(e));
  }
}

window.addEventListener("hashchange", () => {
  if (takeLink()) return;
  render();
});

// A console link arrives as #link=<token>: keep it for this tab, and take it out of the URL
// (and the history) at once.
function takeLink() {
  const m = location.hash.match(/^#link=([A-Za-z0-9_.-]+)$/);
  if (!m) return false;
  store.setItem("pulse.link", m[1]);
  store.removeItem("pulse.key");
  history.replaceState(null, "", location.pathname + "#/logs");
  api("GET", "/v1/webhooks/endpoints?limit=1").then(signedIn, (e) => signOut(e.message));
  return true;
}

if (!takeLink()) {
  if (credentials()) signedIn();
  else signOut("");
}
