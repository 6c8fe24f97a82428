// Diplograph: analyst queries
// Ready queries over the Diplograph graph (README, "Neo4j Browser: ready queries").
// Each query below has a title line ("// Who met whom") and ends with a semicolon.
// Set the parameters first, with these lines or your own values (Neo4j Browser
// keeps them for the session; `:params` lists them):
:param since => '2025-01-01';
:param until => '2025-12-31';
:param person => 'mira-castellanos';
:param other => 'tomas-ekberg';
:param country_a => 'CL';
:param country_b => 'SE';

// Who met whom
// Pairs of people who met, most meetings first; dates are ISO days. Undated meetings
// count, but a pair whose last meeting is before $since is left out.
// :param since => '2025-01-01'
MATCH (a:Person)-[m:MET]->(b:Person)
WHERE m.last IS NULL OR m.last >= $since
RETURN a.name AS person, b.name AS counterpart, m.count AS meetings, m.first AS first,
       m.last AS last
ORDER BY meetings DESC, person, counterpart
LIMIT 100;

// A person's counterparts
// Everyone $person (a person id, the slug the API uses: /api/v1/persons/<id>) met.
// :param person => 'mira-castellanos'
MATCH (p:Person {id: $person})-[m:MET]-(o:Person)
RETURN o.id AS id, o.name AS counterpart, o.countries AS countries, m.count AS meetings,
       m.first AS first, m.last AS last, m.topics AS topics
ORDER BY meetings DESC, counterpart;

// Bilateral timeline of two countries
// Meetings of both states (ISO 3166-1 alpha-2 codes), each taking part or hosting, in
// date order: the timeline GET /api/v1/relations/<a>/<b> returns.
// :param country_a => 'CL'
// :param country_b => 'SE'
MATCH (c:Country {code: $country_a})
OPTIONAL MATCH (h:Meeting {country: c.code})
WITH c, collect(h) + [(c)<-[:INVOLVES]-(m:Meeting) | m] AS own
UNWIND own AS m
WITH DISTINCT m
WHERE m.country = $country_b OR EXISTS { MATCH (m)-[:INVOLVES]->(:Country {code: $country_b}) }
// ATTENDED and ABOUT are one per reporting article: each person and topic once.
OPTIONAL MATCH (m)<-[:ATTENDED]-(p:Person)
WITH m, collect(DISTINCT p.name) AS people
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
WITH m, people, collect(DISTINCT t.label) AS topics
RETURN m.date AS date, m.status AS status, m.kind AS kind, m.city AS city,
       m.country AS held_in, people, topics, m.id AS meeting
ORDER BY coalesce(m.date, ''), m.id;

// Topics of a period
// What the meetings held between $since and $until (ISO days, both included) were
// about, the most discussed first.
// :param since => '2025-01-01'
// :param until => '2025-12-31'
MATCH (m:Meeting)-[:ABOUT]->(t:Topic)
WHERE m.date >= $since AND m.date <= $until
WITH t, count(DISTINCT m) AS meetings, min(m.date) AS first, max(m.date) AS last
RETURN t.id AS topic, t.label AS label, meetings, first, last
ORDER BY meetings DESC, topic;

// Path between two people
// The shortest chain of meetings from $person to $other (at most 6 people apart):
// who introduced whom. Shown as a graph in Neo4j Browser.
// :param person => 'mira-castellanos'
// :param other => 'tomas-ekberg'
MATCH (a:Person {id: $person})
MATCH (b:Person {id: $other})
MATCH path = shortestPath((a)-[:MET*..6]-(b))
RETURN path, [n IN nodes(path) | n.name] AS people, length(path) AS hops;

// A person's meetings with their sources
// Every meeting $person attended, with each article that reported it: its title,
// link and source, the name as the article wrote it, and the sentence that says so.
// :param person => 'mira-castellanos'
MATCH (p:Person {id: $person})-[at:ATTENDED]->(m:Meeting)<-[:REPORTS]-(a:Article)
WHERE a.id = at.article_id
RETURN m.date AS date, m.city AS city, m.status AS status, a.title AS article, a.url AS url,
       a.source AS source, a.published AS published, at.name AS written_as,
       at.sentence AS evidence, at.confidence AS confidence, m.id AS meeting
ORDER BY coalesce(m.date, ''), m.id, published;
