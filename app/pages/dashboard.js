// The dashboard: charts over the public REST API, nothing else.
//
// Every chart is drawn from one or a few GET requests under /api/v1 and links to them,
// so what the page shows can be rebuilt in any dashboard tool from the same URLs. The
// Chart.js instances are kept on window.charts (by name) for whoever wants to read
// the numbers back; <body data-state> is "ready" once every chart is drawn, "failed"
// when a request did not answer.
"use strict";

const API = "/api/v1";
const PALETTE = ["#2f6db5", "#d9822b", "#3a9a5b", "#c23b3b", "#7d5cb8", "#8c6d46",
                 "#d45fa6", "#6b7a8f", "#b5a22f", "#2fa5a5"];
const TOP = 10;  // countries and pairs shown
const TOPICS_SHOWN = 6;  // topic lines: the most discussed, the rest would be noise

window.charts = {};

// -- requests -----------------------------------------------------------------------

// With DIPLOGRAPH_READ_REQUIRES_KEY=true reads need X-API-Key: the page asks for one
// after the first 401 and keeps it for this tab only.
function headers() {
  const key = sessionStorage.getItem("diplograph-key");
  return key ? {"X-API-Key": key} : {};
}

class ApiError extends Error {
  constructor(url, status, detail) {
    super(`${url}: ${status} ${detail}`);
    this.status = status;
  }
}

async function request(url) {
  const response = await fetch(url, {headers: headers()});
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = (await response.json()).detail || detail;  // problem+json
    } catch (ignored) {
      // not JSON: the status text says enough
    }
    throw new ApiError(url, response.status, detail);
  }
  return response;
}

async function getJson(url) {
  return (await request(url)).json();
}

// Every item of a paginated list ({data, next_cursor}), page after page.
async function allPages(url) {
  const items = [];
  let cursor = null;
  do {
    const page = await getJson(cursor ? `${url}&cursor=${encodeURIComponent(cursor)}` : url);
    items.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

// -- small helpers -------------------------------------------------------------------

function link(href, text) {
  const a = document.createElement("a");
  a.className = "data-link";
  a.href = href;
  a.textContent = text;
  return a;
}

// Every month from the first to the last, so a quiet month shows as a gap.
function monthsBetween(first, last) {
  const months = [];
  let [year, month] = first.split("-").map(Number);
  const [lastYear, lastMonth] = last.split("-").map(Number);
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, "0")}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

function draw(name, config) {
  if (window.charts[name]) {
    window.charts[name].destroy();
  }
  const options = config.options || {};
  config.options = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    ...options,
    plugins: {legend: {display: false}, ...options.plugins},
  };
  window.charts[name] = new Chart(document.getElementById(name), config);
  return window.charts[name];
}

const COUNT_AXIS = {beginAtZero: true, ticks: {precision: 0}};
const NAME_AXIS = {ticks: {autoSkip: false}};  // every country or pair named

function meetings(n) {
  return n === 1 ? "1 meeting" : `${n.toLocaleString("en")} meetings`;
}

// -- the charts ----------------------------------------------------------------------

async function drawTotals() {
  const stats = await getJson(`${API}/stats`);
  const shown = [
    ["Meetings", stats.nodes.Meeting], ["People", stats.nodes.Person],
    ["Countries", stats.nodes.Country], ["Articles", stats.nodes.Article],
    ["Pairs who met", stats.relationships.MET],
  ];
  const list = document.getElementById("totals");
  list.replaceChildren();
  for (const [label, value] of shown) {
    const item = document.createElement("div");
    const term = document.createElement("dt");
    const number = document.createElement("dd");
    term.textContent = label;
    number.textContent = (value ?? 0).toLocaleString("en");
    item.append(number, term);
    list.append(item);
  }
  if (stats.last_ingestion) {
    const item = document.createElement("div");
    item.className = "when";
    item.innerHTML = "<dd></dd><dt>last ingestion</dt>";
    item.querySelector("dd").textContent = stats.last_ingestion.slice(0, 16).replace("T", " ");
    list.append(item);
  }
}

// Meetings per month from the export: the same filters as /meetings, one streamed
// request however many meetings there are.
async function drawPerMonth() {
  const country = document.getElementById("per-month-country").value;
  const query = country ? `?country=${country}` : "";
  const jsonl = `${API}/export/meetings.jsonl${query}`;
  document.getElementById("per-month-json").href = jsonl;
  document.getElementById("per-month-csv").href = `${API}/export/meetings.csv${query}`;

  const text = await (await request(jsonl)).text();
  const dateOf = new Map();  // meeting id -> date: a row per participant, a meeting once
  for (const line of text.split("\n")) {
    if (line) {
      const row = JSON.parse(line);
      dateOf.set(row.meeting_id, row.date);
    }
  }
  const perMonth = new Map();
  let undated = 0;
  for (const date of dateOf.values()) {
    if (date) {
      perMonth.set(date.slice(0, 7), (perMonth.get(date.slice(0, 7)) || 0) + 1);
    } else {
      undated += 1;
    }
  }
  const known = [...perMonth.keys()].sort();
  const months = known.length ? monthsBetween(known[0], known[known.length - 1]) : [];
  draw("per-month", {
    type: "bar",
    data: {
      labels: months,
      datasets: [{label: "meetings", data: months.map((m) => perMonth.get(m) || 0),
                  backgroundColor: PALETTE[0], maxBarThickness: 48}],
    },
    options: {scales: {y: COUNT_AXIS}},
  });
  document.getElementById("per-month-note").textContent =
    `${meetings(dateOf.size)}${country ? ` of ${country}` : ""}` +
    (undated ? `, ${undated} without a date (not shown)` : "");
}

async function drawCountries(countries) {
  const top = countries.slice(0, TOP);
  draw("countries", {
    type: "bar",
    data: {
      labels: top.map((c) => c.code),
      datasets: [{label: "meetings", data: top.map((c) => c.meetings),
                  backgroundColor: PALETTE[2]}],
    },
    options: {
      indexAxis: "y",
      scales: {x: COUNT_AXIS, y: NAME_AXIS},
      plugins: {
        tooltip: {callbacks: {
          title: (items) => top[items[0].dataIndex].name,
          afterLabel: (item) => `took part in ${top[item.dataIndex].took_part}, ` +
            `hosted ${top[item.dataIndex].hosted}`,
        }},
      },
    },
  });
}

// A pair's count is what /countries/{a}/partners says for b (and b's for a: the
// partners are symmetric), the length of /relations/{a}/{b}.
async function drawPairs(countries) {
  const top = countries.slice(0, TOP).filter((c) => c.meetings > 0);
  const urls = top.map((c) => `${API}/countries/${c.code}/partners?limit=${TOP}`);
  const answers = await Promise.all(urls.map(getJson));
  const chosen = new Set(top.map((c) => c.code));
  const pairs = new Map();
  top.forEach((country, k) => {
    for (const partner of answers[k].data) {
      if (chosen.has(partner.code)) {
        pairs.set([country.code, partner.code].sort().join("–"), partner.meetings);
      }
    }
  });
  const shown = [...pairs.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, TOP);
  draw("pairs", {
    type: "bar",
    data: {
      labels: shown.map(([pair]) => pair),
      datasets: [{label: "meetings", data: shown.map(([, n]) => n),
                  backgroundColor: PALETTE[3]}],
    },
    options: {indexAxis: "y", scales: {x: COUNT_AXIS, y: NAME_AXIS}},
  });
  const links = document.getElementById("pairs-links");
  links.replaceChildren(...top.map((c, k) => link(urls[k], c.code)));
  return shown;
}

async function drawTopics() {
  const interval = document.getElementById("topics-interval").value;
  const url = `${API}/topics/trends?interval=${interval}`;
  document.getElementById("topics-json").href = url;
  const [topics, trends] = await Promise.all([getJson(`${API}/topics`), getJson(url)]);
  const shown = topics.data.filter((t) => t.meetings > 0)
    .sort((x, y) => y.meetings - x.meetings || x.id.localeCompare(y.id))
    .slice(0, TOPICS_SHOWN);
  const known = [...new Set(trends.data.map((p) => p.period))].sort();
  const periods = interval === "month" && known.length
    ? monthsBetween(known[0], known[known.length - 1])
    : known;
  const count = new Map(trends.data.map((p) => [`${p.topic} ${p.period}`, p.meetings]));
  draw("topics", {
    type: "line",
    data: {
      labels: periods,
      datasets: shown.map((topic, k) => ({
        label: topic.label,
        data: periods.map((period) => count.get(`${topic.id} ${period}`) || 0),
        borderColor: PALETTE[k % PALETTE.length],
        backgroundColor: PALETTE[k % PALETTE.length],
        pointRadius: 2,
      })),
    },
    options: {
      scales: {y: COUNT_AXIS},
      plugins: {legend: {display: true, position: "bottom", labels: {boxWidth: 10, font: {size: 11}}}},
    },
  });
}

async function drawBilateral() {
  const a = document.getElementById("bilateral-a").value;
  const b = document.getElementById("bilateral-b").value;
  const note = document.getElementById("bilateral-note");
  const card = document.getElementById("bilateral-card");
  if (!a || !b || a === b) {
    note.textContent = "Choose two different countries.";
    return;
  }
  const url = `${API}/relations/${a}/${b}?interval=month`;
  document.getElementById("bilateral-json").href = url;
  const relation = await getJson(url);
  const byPeriod = new Map(relation.timeline.map((bucket) => [bucket.period, bucket]));
  const known = relation.timeline.map((bucket) => bucket.period);
  const months = known.length ? monthsBetween(known[0], known[known.length - 1]) : [];
  draw("bilateral", {
    type: "bar",
    data: {
      labels: months,
      datasets: [{label: "meetings", data: months.map((m) => byPeriod.get(m)?.meetings || 0),
                  backgroundColor: PALETTE[4], maxBarThickness: 48}],
    },
    options: {
      scales: {y: COUNT_AXIS},
      plugins: {
        tooltip: {callbacks: {
          afterBody: (items) => (byPeriod.get(items[0].label)?.people || [])
            .map((person) => person.name),
        }},
      },
    },
  });
  note.textContent = `${meetings(relation.total)} of ${relation.a} and ${relation.b}` +
    (relation.undated ? `, ${relation.undated} without a date (not shown)` : "");
  card.dataset.relation = `${relation.a}-${relation.b}`;
}

// -- wiring --------------------------------------------------------------------------

function fillCountryChoices(countries, pairs) {
  const options = countries.map((c) => new Option(`${c.name} (${c.code})`, c.code));
  const perMonth = document.getElementById("per-month-country");
  const chosen = perMonth.value;
  perMonth.replaceChildren(new Option("all", ""),
                           ...options.map((option) => option.cloneNode(true)));
  perMonth.value = chosen;
  const [a, b] = document.querySelectorAll("#bilateral-form select");
  a.replaceChildren(...options);
  b.replaceChildren(...options.map((option) => option.cloneNode(true)));
  // The busiest pair first: a timeline worth looking at without choosing.
  const [first, second] = pairs.length
    ? pairs[0][0].split("–")
    : countries.slice(0, 2).map((c) => c.code);
  a.value = first || "";
  b.value = second || "";
}

function fail(error) {
  document.body.dataset.state = "failed";
  const problem = document.getElementById("problem");
  problem.hidden = false;
  if (error instanceof ApiError && error.status === 401) {
    problem.textContent = "This server requires an API key for reads: enter one above.";
    document.getElementById("key-form").hidden = false;
  } else {
    problem.textContent = `Could not load the dashboard: ${error.message}`;
  }
}

// Redraw one chart after a control changed, reporting a failure on the page.
function redraw(drawing) {
  document.body.dataset.state = "loading";
  drawing().then(() => {
    document.body.dataset.state = "ready";
  }, fail);
}

async function start() {
  const countries = await allPages(`${API}/countries?limit=200`);
  const [pairs] = await Promise.all([
    drawPairs(countries), drawTotals(), drawPerMonth(), drawCountries(countries), drawTopics(),
  ]);
  fillCountryChoices(countries, pairs);
  await drawBilateral();
  document.body.dataset.state = "ready";
}

document.addEventListener("DOMContentLoaded", () => {
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  document.getElementById("per-month-country").addEventListener("change", () => {
    redraw(drawPerMonth);
  });
  document.getElementById("topics-interval").addEventListener("change", () => {
    redraw(drawTopics);
  });
  document.getElementById("bilateral-form").addEventListener("submit", (event) => {
    event.preventDefault();
    redraw(drawBilateral);
  });
  document.getElementById("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem("diplograph-key", document.getElementById("key").value);
    document.getElementById("problem").hidden = true;
    document.body.dataset.state = "loading";
    start().catch(fail);
  });
  start().catch(fail);
});
