/* The graph explorer (/explore): plain JavaScript over the read API, drawn with
 * Cytoscape.js (served from /vendor). The view is in the URL (center, depth, from,
 * to): copying the address shares it, loading it restores it.
 *
 * For tests and the console, `window.cy` is the Cytoscape instance, and
 * `document.body.dataset.state` says whether the graph is "loading", "ready",
 * "expanding" or in "error"; the panel's `data-state` does the same for the details.
 */
"use strict";

(() => {
  const API = "/api/v1";

  // What each kind of node looks like; the legend is drawn from the same table.
  const KINDS = [
    { label: "Person", color: "#3b6fb6", shape: "ellipse", size: 34 },
    { label: "Meeting", color: "#e08a1e", shape: "diamond", size: 26 },
    { label: "Country", color: "#3a9a5b", shape: "hexagon", size: 32 },
    { label: "Topic", color: "#8a5cc2", shape: "tag", size: 24 },
    { label: "Place", color: "#2a9d9d", shape: "triangle", size: 22 },
    { label: "Organization", color: "#c4473a", shape: "octagon", size: 30 },
    { label: "Article", color: "#8a8f98", shape: "round-rectangle", size: 18 },
  ];
  // Every node the API draws can be the centre of a subgraph (GET /graph?center=).
  const CENTERABLE = new Set(["person", "country", "meeting", "topic", "place", "organization", "article"]);
  const MEETING_KINDS = { in_person: "in person", call: "call", video: "video call" };

  const $ = (id) => document.getElementById(id);
  const ui = {
    search: $("search"),
    results: $("results"),
    depth: $("depth"),
    from: $("from"),
    to: $("to"),
    allTime: $("all-time"),
    empty: $("empty"),
    legend: $("legend"),
    status: $("status"),
    panel: $("panel"),
  };

  const view = { center: null, depth: 1, from: "", to: "" };
  const topicNames = new Map(); // topic id -> label
  let countries = []; // {code, name}
  let drawing = 0; // the latest graph request: older answers are dropped
  let detailing = 0; // the same for the panel

  // -- small helpers -------------------------------------------------------------

  /** An element with attributes and children (strings become text, never HTML). */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "on") {
        for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
      } else if (key === "class") {
        node.className = value;
      } else {
        node.setAttribute(key, value === true ? "" : String(value));
      }
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  class ApiError extends Error {
    constructor(status, detail) {
      super(detail);
      this.status = status;
    }
  }

  // With DIPLOGRAPH_READ_REQUIRES_KEY=true reads need X-API-Key: the page asks once,
  // after the first 401, and keeps the key for this tab only (as the dashboard does).
  const KEY_STORE = "diplograph-key";

  function readHeaders() {
    const key = sessionStorage.getItem(KEY_STORE);
    return key ? { Accept: "application/json", "X-API-Key": key } : { Accept: "application/json" };
  }

  function askForKey() {
    const key = window.prompt("This server needs an API key to read (X-API-Key):");
    if (!key) return false;
    sessionStorage.setItem(KEY_STORE, key);
    return true;
  }

  async function getJSON(path, params = {}) {
    const url = new URL(API + path, location.origin);
    for (const [key, value] of Object.entries(params)) {
      if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
    }
    let response = await fetch(url, { headers: readHeaders() });
    if (response.status === 401 && askForKey()) {
      response = await fetch(url, { headers: readHeaders() });
    }
    if (!response.ok) {
      let detail = response.statusText;
      try {
        const problem = await response.json();
        detail = problem.detail || problem.title || detail;
      } catch {
        // not problem+json: the status text says enough
      }
      throw new ApiError(response.status, detail);
    }
    return response.json();
  }

  function say(message, isError = false) {
    ui.status.textContent = message;
    ui.status.classList.toggle("error", isError);
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function kindOf(nodeId) {
    return nodeId.slice(0, nodeId.indexOf(":"));
  }

  function period() {
    return { from: view.from, to: view.to };
  }

  function periodText() {
    if (!view.from && !view.to) return "all time";
    if (view.from && view.to) return `${view.from} to ${view.to}`;
    return view.from ? `from ${view.from}` : `up to ${view.to}`;
  }

  function countryName(code) {
    const found = countries.find((c) => c.code === code);
    return found ? found.name : code;
  }

  // -- the URL is the state ----------------------------------------------------------

  const DAY = /^\d{4}-\d{2}-\d{2}$/;

  function readUrl() {
    const params = new URLSearchParams(location.search);
    const center = params.get("center");
    const depth = Number(params.get("depth"));
    view.center = center && CENTERABLE.has(kindOf(center)) ? center : null;
    view.depth = [1, 2, 3].includes(depth) ? depth : 1;
    view.from = DAY.test(params.get("from") || "") ? params.get("from") : "";
    view.to = DAY.test(params.get("to") || "") ? params.get("to") : "";
    ui.depth.value = String(view.depth);
    ui.from.value = view.from;
    ui.to.value = view.to;
  }

  function writeUrl() {
    const params = new URLSearchParams();
    if (view.center) params.set("center", view.center);
    if (view.depth !== 1) params.set("depth", String(view.depth));
    if (view.from) params.set("from", view.from);
    if (view.to) params.set("to", view.to);
    const query = params.toString();
    const url = location.pathname + (query ? `?${query}` : "");
    if (url !== location.pathname + location.search) history.pushState(null, "", url);
  }

  // -- the graph ----------------------------------------------------------------------

  const cy = cytoscape({
    container: $("graph"),
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      {
        selector: "node",
        style: {
          label: "data(caption)",
          "font-size": 10,
          color: "#1d2433",
          "text-valign": "bottom",
          "text-margin-y": 4,
          "text-wrap": "ellipsis",
          "text-max-width": "120px",
          "text-outline-color": "#ffffff",
          "text-outline-width": 2,
          "border-width": 1,
          "border-color": "#ffffff",
        },
      },
      ...KINDS.map((kind) => ({
        selector: `node[label = "${kind.label}"]`,
        style: {
          "background-color": kind.color,
          shape: kind.shape,
          width: kind.size,
          height: kind.size,
        },
      })),
      {
        selector: 'node[label = "Meeting"][status = "planned"]',
        style: {
          "background-opacity": 0.25,
          "border-width": 2,
          "border-style": "dashed",
          "border-color": "#e08a1e",
        },
      },
      { selector: "node.center", style: { "border-width": 4, "border-color": "#1d2433", "font-weight": "bold" } },
      { selector: "node.expanded", style: { "border-width": 3, "border-color": "#5d6676" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#f2b705" } },
      {
        selector: "edge",
        style: {
          width: 1.3,
          "curve-style": "bezier",
          "line-color": "#b8bec8",
          "target-arrow-color": "#b8bec8",
          "target-arrow-shape": "triangle",
          "arrow-scale": 0.7,
          "font-size": 8,
          color: "#5d6676",
          "text-rotation": "autorotate",
          "text-background-color": "#ffffff",
          "text-background-opacity": 1,
        },
      },
      { selector: "edge:selected, edge.near", style: { label: "data(label)", "line-color": "#7d8594" } },
    ],
  });
  window.cy = cy;

  function layout(fit = true) {
    // Rings by distance from the centre first, then a force-directed pass from there:
    // the same graph is drawn the same way each time, and readably.
    const center = cy.nodes(".center");
    if (center.nonempty()) {
      const hops = new Map();
      cy.elements().bfs({ roots: center, visit: (node, edge, previous, i, depth) => hops.set(node.id(), depth) });
      cy.layout({
        name: "concentric",
        animate: false,
        fit: false,
        concentric: (node) => 10 - (hops.get(node.id()) ?? 9),
        levelWidth: () => 1,
        minNodeSpacing: 30,
      }).run();
    }
    cy.layout({
      name: "cose",
      animate: false,
      randomize: false,
      fit,
      padding: 40,
      nodeRepulsion: () => 12000,
      idealEdgeLength: () => 70,
      nodeOverlap: 12,
      numIter: 1500,
    }).run();
    if (fit && cy.zoom() > 1.5) {
      // A handful of nodes would fill the screen: keep them at a reading size.
      cy.zoom(1.5);
      cy.center();
    }
  }

  function graphParams(center, depth) {
    return { center, depth, ...period() };
  }

  async function drawCenter() {
    const ticket = ++drawing;
    ui.empty.hidden = Boolean(view.center);
    if (!view.center) {
      cy.elements().remove();
      document.body.dataset.state = "idle";
      return;
    }
    document.body.dataset.state = "loading";
    say("Drawing…");
    let body;
    try {
      body = await getJSON("/graph", graphParams(view.center, view.depth));
    } catch (error) {
      if (ticket !== drawing) return;
      cy.elements().remove();
      document.body.dataset.state = "error";
      say(error.status === 404 ? `Nothing in the graph is called ${view.center}.` : `Could not draw the graph: ${error.message}`, true);
      return;
    }
    if (ticket !== drawing) return;
    cy.elements().remove();
    cy.add(body.elements);
    const center = cy.getElementById(body.center);
    center.addClass("center");
    layout();
    const meetings = cy.nodes('[label = "Meeting"]').length;
    say(
      `${cy.nodes().length} nodes, ${meetings} meeting${meetings === 1 ? "" : "s"} (${periodText()})` +
        (body.truncated ? "; cut at 200 nodes, lower the depth or narrow the period" : "") +
        ". Double-click a node to expand it.",
    );
    document.body.dataset.state = "ready";
    center.select();
    showDetails(center);
  }

  /** Draw a node's neighbours into the graph (one GET /graph around it). */
  async function expand(node) {
    const id = node.id();
    if (!CENTERABLE.has(kindOf(id))) return;
    const ticket = drawing;
    document.body.dataset.state = "expanding";
    say(`Expanding ${node.data("caption")}…`);
    let body;
    try {
      body = await getJSON("/graph", graphParams(id, 1));
    } catch (error) {
      if (ticket !== drawing) return;
      document.body.dataset.state = "ready";
      say(`Could not expand ${node.data("caption")}: ${error.message}`, true);
      return;
    }
    if (ticket !== drawing) return; // the centre changed meanwhile
    const fresh = body.elements.nodes.filter((n) => cy.getElementById(n.data.id).empty());
    const freshEdges = body.elements.edges.filter((e) => cy.getElementById(e.data.id).empty());
    // New nodes start on a ring around the one expanded, so the layout keeps its place.
    const origin = node.position();
    const added = cy.add(
      fresh.map((n, i) => {
        const angle = (2 * Math.PI * i) / Math.max(fresh.length, 1);
        return { ...n, position: { x: origin.x + 90 * Math.cos(angle), y: origin.y + 90 * Math.sin(angle) } };
      }),
    );
    cy.add(freshEdges);
    node.addClass("expanded");
    if (added.nonempty()) layout();
    say(
      added.nonempty()
        ? `${added.length} new node${added.length === 1 ? "" : "s"} around ${node.data("caption")}; ${cy.nodes().length} in all.`
        : `Nothing more around ${node.data("caption")} (${periodText()}).`,
    );
    document.body.dataset.state = "ready";
  }

  cy.on("tap", "node", (event) => showDetails(event.target));
  cy.on("dbltap", "node", (event) => expand(event.target));
  cy.on("mouseover", "node", (event) => event.target.connectedEdges().addClass("near"));
  cy.on("mouseout", "node", (event) => event.target.connectedEdges().removeClass("near"));

  // -- the side panel -------------------------------------------------------------------

  function setPanel(state, ...children) {
    ui.panel.replaceChildren(...children);
    ui.panel.dataset.state = state;
  }

  function centreButton(id, text = "Put at the centre") {
    if (!CENTERABLE.has(kindOf(id)) || id === view.center) return null;
    return el("button", { type: "button", on: { click: () => setCenter(id) } }, text);
  }

  function actions(node) {
    const expandButton = CENTERABLE.has(kindOf(node.id()))
      ? el("button", { type: "button", on: { click: () => expand(node) } }, "Expand (double-click)")
      : null;
    return el("div", { class: "actions" }, centreButton(node.id()), expandButton);
  }

  function personLink(id, name) {
    return el("button", { type: "button", class: "link", on: { click: () => setCenter(`person:${id}`) } }, name);
  }

  async function showDetails(node) {
    const ticket = ++detailing;
    const data = node.data();
    const head = [el("h2", {}, data.caption), el("p", { class: "kind" }, data.label), actions(node)];
    const loaders = {
      Meeting: () => meetingDetails(data),
      Person: () => personDetails(data),
      Country: () => countryDetails(data),
    };
    const loader = loaders[data.label];
    if (!loader) {
      setPanel("ready", ...head, plainDetails(data));
      return;
    }
    setPanel("loading", ...head, el("p", { class: "hint" }, "Loading…"));
    try {
      const body = await loader();
      if (ticket === detailing) setPanel("ready", ...head, ...body);
    } catch (error) {
      if (ticket === detailing) setPanel("error", ...head, el("p", { class: "status error" }, `Could not load the details: ${error.message}`));
    }
  }

  function plainDetails(data) {
    const rows = [];
    if (data.label === "Topic") rows.push(["Topic", data.name], ["Id", data.id.slice("topic:".length)]);
    if (data.label === "Place") rows.push(["City", data.city], ["Country", data.country && countryName(data.country)]);
    if (data.label === "Organization") rows.push(["Code", data.code]);
    if (data.label === "Article") {
      rows.push(["Published", data.date], ["URL", data.url && el("a", { href: data.url, rel: "noopener noreferrer", target: "_blank" }, data.url)]);
    }
    return definitions(rows);
  }

  function definitions(rows) {
    return el("dl", {}, rows.filter(([, value]) => value).map(([term, value]) => [el("dt", {}, term), el("dd", {}, value)]));
  }

  async function meetingDetails(data) {
    const id = data.id.slice("meeting:".length);
    const meeting = await getJSON(`/meetings/${encodeURIComponent(id)}`);
    const place = [meeting.city, meeting.country && countryName(meeting.country)].filter(Boolean).join(", ");
    return [
      definitions([
        ["Date", meeting.date || "not reported"],
        ["Place", place || "not reported"],
        ["Kind", MEETING_KINDS[meeting.kind] || meeting.kind],
        ["Status", meeting.status],
      ]),
      el("h3", {}, "Participants"),
      el(
        "ul",
        { class: "participants" },
        meeting.participants.map((p) =>
          el(
            "li",
            {},
            personLink(p.id, p.name),
            el("div", { class: "sub" }, [p.title, p.org || (p.country && countryName(p.country)), p.role].filter(Boolean).join(" · ")),
          ),
        ),
      ),
      el("h3", {}, "Topics"),
      meeting.topics.length
        ? el("ul", { class: "chips" }, meeting.topics.map((t) => el("li", {}, topicNames.get(t) || t)))
        : el("p", { class: "hint" }, "None found."),
      el("h3", {}, `Sources (${meeting.sources_detail.length})`),
      ...meeting.sources_detail.map((source) => sourceBlock(source, meeting)),
    ];
  }

  function sourceBlock(source, meeting) {
    const title = source.title || source.article_id;
    return el(
      "div",
      { class: "source" },
      el("div", { class: "title" }, source.url ? el("a", { href: source.url, rel: "noopener noreferrer", target: "_blank" }, title) : title),
      el("div", { class: "sub" }, [source.source, source.published].filter(Boolean).join(", ")),
      excerpt(source.evidence, meeting),
    );
  }

  /**
   * The cited sentences of one article in text order, each highlighted.
   *
   * Evidence offsets (`start`, `end`) are character offsets in the article's text,
   * and `sentence` is the text between them: the cited span is the whole sentence, at
   * [0, end - start) in the sentence's own coordinates; slicing the sentence with the
   * article's offsets would mark the wrong words. The offsets also order the
   * sentences and tell which ones follow each other in the article (no gap marker).
   */
  function excerpt(evidence, meeting) {
    const people = new Map(meeting.participants.map((p) => [p.id, p.name]));
    const sentences = new Map(); // start -> {sentence, start, end, kinds, subjects}
    for (const ev of evidence) {
      if (!ev.sentence) continue;
      const key = ev.start ?? `?${ev.sentence}`;
      const entry = sentences.get(key) || { sentence: ev.sentence, start: ev.start, end: ev.end, kinds: new Set(), subjects: [] };
      entry.kinds.add(ev.kind);
      if (ev.kind === "participant") entry.subjects.push(people.get(ev.subject) || ev.subject);
      if (ev.kind === "topic") entry.subjects.push(topicNames.get(ev.subject) || ev.subject);
      sentences.set(key, entry);
    }
    const ordered = [...sentences.values()].sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity));
    const parts = [];
    let previousEnd = null;
    for (const entry of ordered) {
      const follows = previousEnd !== null && entry.start !== null && entry.start - previousEnd <= 2;
      if (entry.start > 0 && !follows) parts.push(el("span", { class: "gap" }, parts.length ? " … " : "… "));
      else if (parts.length) parts.push(" ");
      const [from, to] = citedSpan(entry);
      const what = [...entry.kinds].sort().join(", ");
      parts.push(
        entry.sentence.slice(0, from),
        el(
          "mark",
          {
            class: entry.kinds.has("meeting") ? "meeting" : null,
            title: `Cited for: ${what}${entry.subjects.length ? ` (${entry.subjects.join(", ")})` : ""}; characters ${entry.start}–${entry.end} of the article`,
            "data-start": entry.start,
            "data-end": entry.end,
          },
          entry.sentence.slice(from, to),
        ),
        entry.sentence.slice(to),
        el("sup", {}, what),
      );
      previousEnd = entry.end;
    }
    return el("blockquote", { class: "evidence" }, parts);
  }

  /** The cited span in the sentence's own coordinates (see excerpt). */
  function citedSpan(ev) {
    const length = ev.sentence.length;
    if (!Number.isInteger(ev.start) || !Number.isInteger(ev.end)) return [0, length];
    return [0, Math.min(length, Math.max(0, ev.end - ev.start))];
  }

  async function personDetails(data) {
    const id = data.id.slice("person:".length);
    const [person, met] = await Promise.all([
      getJSON(`/persons/${encodeURIComponent(id)}`),
      getJSON(`/persons/${encodeURIComponent(id)}/counterparts`, { limit: 50, ...period() }),
    ]);
    const titles = person.titles.map((t) =>
      el(
        "li",
        {},
        [t.former ? "former " : "", t.title || "(no title)"].join(""),
        el("span", { class: "sub" }, ` ${[t.org || (t.country && countryName(t.country)), [t.first_seen, t.last_seen].filter(Boolean).join(" – ")].filter(Boolean).join(", ")}`),
      ),
    );
    return [
      definitions([
        ["Countries", person.countries.map(countryName).join(", ")],
        ["Meetings", String(person.meetings) + " (all time)"],
      ]),
      el("h3", {}, "Titles"),
      titles.length ? el("ul", {}, titles) : el("p", { class: "hint" }, "None reported."),
      el("h3", {}, `Counterparts, ${periodText()} (${met.total ?? met.data.length})`),
      met.data.length
        ? el(
            "ol",
            { class: "counterparts" },
            met.data.map((c) =>
              el(
                "li",
                {},
                personLink(c.id, c.name),
                el(
                  "div",
                  { class: "sub" },
                  [
                    `${c.meetings} meeting${c.meetings === 1 ? "" : "s"}`,
                    [c.first_date, c.last_date].filter(Boolean).filter((d, i, all) => all.indexOf(d) === i).join(" – "),
                    c.countries.map(countryName).join(", "),
                  ]
                    .filter(Boolean)
                    .join(" · "),
                ),
              ),
            ),
          )
        : el("p", { class: "hint" }, "Nobody in this period."),
    ];
  }

  async function countryDetails(data) {
    const country = await getJSON(`/countries/${encodeURIComponent(data.code)}`);
    return [
      definitions([
        ["Code", country.code],
        ["Meetings", `${country.meetings} (all time)`],
        ["Took part in", String(country.took_part)],
        ["Hosted", String(country.hosted)],
        ["People", String(country.people)],
      ]),
    ];
  }

  // -- search ------------------------------------------------------------------------

  let searchTicket = 0;
  let matches = [];
  let active = -1;

  function closeResults() {
    ui.results.hidden = true;
    ui.search.setAttribute("aria-expanded", "false");
    ui.search.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function renderResults() {
    ui.results.replaceChildren(
      ...(matches.length
        ? matches.map((m, i) =>
            el(
              "li",
              {
                id: `match-${i}`,
                role: "option",
                "aria-selected": String(i === active),
                "data-center": m.center,
                on: { mousedown: (event) => { event.preventDefault(); choose(m); } },
              },
              el("span", { class: "kind" }, m.kind),
              el("span", {}, m.name),
              m.more ? el("span", { class: "more" }, m.more) : null,
            ),
          )
        : [el("li", { class: "none", role: "option", "aria-disabled": "true" }, "No match")]),
    );
    ui.results.hidden = false;
    ui.search.setAttribute("aria-expanded", "true");
    if (active >= 0) ui.search.setAttribute("aria-activedescendant", `match-${active}`);
  }

  function startsAWord(text, term) {
    return fold(text).split(/[\s,()-]+/).some((word) => word.startsWith(term)) || fold(text).startsWith(term);
  }

  async function search(text) {
    const ticket = ++searchTicket;
    const term = fold(text.trim());
    if (term.length < 2) {
      matches = [];
      closeResults();
      return;
    }
    let people = [];
    try {
      people = (await getJSON("/persons", { q: text.trim(), limit: 8 })).data;
    } catch (error) {
      say(`Search failed: ${error.message}`, true);
    }
    if (ticket !== searchTicket) return;
    matches = [
      ...people.map((p) => ({
        kind: "Person",
        name: p.name,
        center: `person:${p.id}`,
        more: [p.latest_title, [...p.countries, ...p.orgs].join(", ")].filter(Boolean).join(", "),
      })),
      ...countries
        .filter((c) => startsAWord(c.name, term) || fold(c.code) === term)
        .slice(0, 5)
        .map((c) => ({ kind: "Country", name: c.name, center: `country:${c.code}`, more: `${c.meetings} meetings` })),
      ...[...topicNames]
        .filter(([id, label]) => startsAWord(label, term) || id.startsWith(term))
        .slice(0, 5)
        .map(([id, label]) => ({ kind: "Topic", name: label, center: `topic:${id}` })),
    ];
    active = matches.length ? 0 : -1;
    renderResults();
  }

  function choose(match) {
    ui.search.value = match.name;
    closeResults();
    setCenter(match.center);
  }

  let typing = null;
  ui.search.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => search(ui.search.value), 150);
  });
  ui.search.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!matches.length) return;
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length;
      renderResults();
    } else if (event.key === "Enter" && active >= 0 && matches[active]) {
      event.preventDefault();
      choose(matches[active]);
    } else if (event.key === "Escape") {
      closeResults();
    }
  });
  ui.search.addEventListener("blur", closeResults);

  // -- controls ---------------------------------------------------------------------

  function setCenter(center) {
    view.center = center;
    writeUrl();
    drawCenter();
  }

  function setPeriod() {
    const from = ui.from.value;
    const to = ui.to.value;
    if (from && to && from > to) {
      say("The period ends before it starts: pick a 'to' day after the 'from' day.", true);
      return;
    }
    view.from = from;
    view.to = to;
    writeUrl();
    drawCenter();
  }

  ui.depth.addEventListener("change", () => {
    view.depth = Number(ui.depth.value);
    writeUrl();
    drawCenter();
  });
  ui.from.addEventListener("change", setPeriod);
  ui.to.addEventListener("change", setPeriod);
  ui.allTime.addEventListener("click", () => {
    ui.from.value = "";
    ui.to.value = "";
    setPeriod();
  });
  window.addEventListener("popstate", () => {
    readUrl();
    drawCenter();
  });

  function drawLegend() {
    ui.legend.replaceChildren(
      ...KINDS.map((kind) =>
        el("li", {}, el("span", { class: `swatch ${kind.shape}`, style: `--swatch: ${kind.color}` }), kind.label),
      ),
      el("li", {}, el("span", { class: "swatch diamond planned", style: "--swatch: #e08a1e" }), "Planned meeting"),
    );
  }

  async function loadNames() {
    // Topic labels and country names for search and the panel (small, fetched once).
    try {
      const [topics, found] = await Promise.all([getJSON("/topics"), getJSON("/countries", { limit: 200 })]);
      for (const topic of topics.data) topicNames.set(topic.id, topic.label);
      countries = found.data;
    } catch (error) {
      say(`Could not load topics and countries: ${error.message}`, true);
    }
  }

  drawLegend();
  readUrl();
  loadNames().then(drawCenter);
})();
