"""The extractor on the patterns of diplomatic English, one invented sentence per rule.

Every article here is written for these tests: the people are fictional, the states
are real (sides are ISO codes). Each case names the linguistic pattern it checks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from domain.models import ArticleIn, Meeting
from extractors.pipeline import SpacyExtractor

PUBLISHED = dt.date(2024, 3, 8)  # a Friday


@dataclass(frozen=True)
class Case:
    pattern: str
    text: str
    meetings: list[set[str]]  # participants of each expected meeting, in text order
    title: str = ""
    published: dt.date | None = PUBLISHED
    checks: dict[str, object] = field(default_factory=dict)
    url: str | None = None


def extract(extractor: SpacyExtractor, case: Case) -> list[Meeting]:
    article = ArticleIn(title=case.title, text=case.text, published=case.published, url=case.url)
    return extractor.extract(article).meetings


def people(meeting: Meeting) -> set[str]:
    return {p.name for p in meeting.participants}


MEETING_EXPRESSIONS = [
    Case(
        "A hosted B",
        "Peruvian President Ana Ruiz Salazar hosted Chilean President Tomas Vey Olmedo at the "
        "government palace on Monday.",
        [{"Ana Ruiz Salazar", "Tomas Vey Olmedo"}],
    ),
    Case(
        "B was received by A (passive, agent)",
        "Kenyan Foreign Minister Daniel Otieno Kamau was received by Ghanaian President Kwame "
        "Mensah Boateng in Accra on Tuesday.",
        [{"Daniel Otieno Kamau", "Kwame Mensah Boateng"}],
    ),
    Case(
        "A welcomed B for bilateral talks",
        "Swedish Prime Minister Lars Holmgren welcomed Estonian President Kadri Tammsaar for "
        "bilateral talks in Stockholm on Wednesday.",
        [{"Lars Holmgren", "Kadri Tammsaar"}],
    ),
    Case(
        "paid a courtesy call on B (in person, not a phone call)",
        "Vietnamese Deputy Prime Minister Tran Van Khiem paid a courtesy call on Thai Prime "
        "Minister Somchai Wongprasert in Bangkok on Thursday.",
        [{"Tran Van Khiem", "Somchai Wongprasert"}],
        checks={"kind": "in_person"},
    ),
    Case(
        "spoke by phone with B",
        "Italian Prime Minister Giulia Contarini spoke by phone with Spanish Prime Minister "
        "Pablo Herrero Vidal on Wednesday.",
        [{"Giulia Contarini", "Pablo Herrero Vidal"}],
        checks={"kind": "call", "location": None},
    ),
    Case(
        "discussed X with B",
        "Greek Foreign Minister Nikos Papadakis discussed energy security with his Cypriot "
        "counterpart, Elena Christodoulou, in Athens on Monday.",
        [{"Nikos Papadakis", "Elena Christodoulou"}],
    ),
    Case(
        "conveyed to B",
        "Colombian Foreign Minister Laura Pineda Rojas conveyed to Brazilian President Marcos "
        "Teixeira Lima the greetings of her government during a visit to Brasilia on Tuesday.",
        [{"Laura Pineda Rojas", "Marcos Teixeira Lima"}],
    ),
    Case(
        "noun-led: A's meeting was with B",
        "Polish Foreign Minister Jan Nowicki's first bilateral meeting of the day was with "
        "Lithuanian Foreign Minister Rasa Kairiene.",
        [{"Jan Nowicki", "Rasa Kairiene"}],
    ),
    Case(
        "on the sidelines of a summit",
        "On the sidelines of the UN General Assembly, Nepalese Prime Minister Ram Bahadur Thapa "
        "met Sri Lankan President Nimal Perera Gunawardena on Tuesday.",
        [{"Ram Bahadur Thapa", "Nimal Perera Gunawardena"}],
    ),
    Case(
        "the meeting only in the headline; the body names the people",
        "Peruvian Foreign Minister Ana Ruiz Salazar said the two countries would deepen trade "
        "ties. Chilean Foreign Minister Tomas Vey Olmedo praised the new fisheries accord.",
        [{"Ana Ruiz Salazar", "Tomas Vey Olmedo"}],
        title="Ruiz meets Vey in Lima",
        checks={"city": "Lima"},
    ),
]

PARTICIPANTS_AWAY = [
    Case(
        "a group first, names later",
        "The foreign ministers of Peru and Chile held talks in Lima on Monday. Peruvian Foreign "
        "Minister Ana Ruiz Salazar told her counterpart Tomas Vey Olmedo that trade was growing.",
        [{"Ana Ruiz Salazar", "Tomas Vey Olmedo"}],
        checks={"sides": {"Ana Ruiz Salazar": "PE", "Tomas Vey Olmedo": "CL"}},
    ),
    Case(
        "the Secretary-General resolved to the person named earlier",
        "UN Secretary-General Maria Fernandes Cunha arrived in Nairobi on Sunday. On Monday, the "
        "Secretary-General met Kenyan President William Kiprono Ruto.",
        [{"Maria Fernandes Cunha", "William Kiprono Ruto"}],
        checks={"sides": {"Maria Fernandes Cunha": "UN"}},
    ),
    Case(
        "the two leaders",
        "Brazilian President Marcos Teixeira Lima and Argentine President Julia Romero Paz met "
        "in Buenos Aires on Thursday. The two leaders discussed trade and energy.",
        [{"Marcos Teixeira Lima", "Julia Romero Paz"}],
        checks={"topics": {"economy-trade", "energy-climate"}},
    ),
    Case(
        "accompanied by",
        "Kenyan President William Kiprono Ruto, accompanied by Foreign Minister Grace Wanjiru "
        "Njoroge, received Ugandan President Joseph Okello Amin at State House on Monday.",
        [{"William Kiprono Ruto", "Grace Wanjiru Njoroge", "Joseph Okello Amin"}],
    ),
    Case(
        "also present were",
        "Kenyan President William Kiprono Ruto received Ugandan President Joseph Okello Amin at "
        "State House on Monday. Also present at the meeting were Ugandan Foreign Minister Sam "
        "Obura Odongo and Kenyan Trade Minister Peter Kamau Mwangi.",
        [
            {
                "William Kiprono Ruto",
                "Joseph Okello Amin",
                "Sam Obura Odongo",
                "Peter Kamau Mwangi",
            }
        ],
    ),
    Case(
        "a delegation lists its members",
        "Indonesian President Budi Santoso Wibowo received Japanese Foreign Minister Aiko "
        "Tanabe Mori in Jakarta on Tuesday. The Japanese delegation included Deputy Foreign "
        "Minister Kenji Sato Hara.",
        [{"Budi Santoso Wibowo", "Aiko Tanabe Mori", "Kenji Sato Hara"}],
        checks={"sides": {"Kenji Sato Hara": "JP"}},
    ),
]

NAMES = [
    Case(
        "a three-part name stays one person; the surname alone is that person",
        "Tanzanian President Amina Juma Mwinyi met Kenyan President William Kiprono Ruto in "
        "Arusha on Monday. President Mwinyi said the border would stay open.",
        [{"Amina Juma Mwinyi", "William Kiprono Ruto"}],
    ),
    Case(
        "a patronymic chain: a son is not his father",
        "Emirati Minister of State Saeed bin Khalid Al Marri met French Foreign Minister Pierre "
        "Duval Martin in Abu Dhabi on Monday. Khalid bin Rashid Al Marri, the minister's "
        "father, was not present.",
        [{"Saeed bin Khalid Al Marri", "Pierre Duval Martin"}],
    ),
    Case(
        "honorifics are not names",
        "H.E. Mr. Tomas Ebaka Nguema, Minister of Foreign Affairs of Equatorial Guinea, received "
        "Dr. Naomi Dlamini Khumalo, South African Minister of Trade, in Malabo on Tuesday.",
        [{"Tomas Ebaka Nguema", "Naomi Dlamini Khumalo"}],
        checks={"sides": {"Tomas Ebaka Nguema": "GQ", "Naomi Dlamini Khumalo": "ZA"}},
    ),
    Case(
        "a military rank, retired, is neither a name nor the title",
        "Indonesian Defence Minister Lt Gen (Ret) Bambang Sutrisno Adi paid a courtesy call on "
        "Malaysian Prime Minister Datuk Seri Azlan Hamid Yusof in Putrajaya on Tuesday.",
        [{"Bambang Sutrisno Adi", "Azlan Hamid Yusof"}],
        checks={
            "sides": {"Bambang Sutrisno Adi": "ID"},
            "titles": {"Bambang Sutrisno Adi": "Defence Minister"},
        },
    ),
    Case(
        "a surname after a title is a person even when the model misses it",
        "German Chancellor Weber met French President Dubois in Paris on Monday.",
        [{"Weber", "Dubois"}],
    ),
    Case(
        "the spokesperson of a 'said' clause is not a participant",
        "Chinese Foreign Minister Zhang Hualin met Egyptian Foreign Minister Omar Farouk Hassan "
        "in Beijing on Monday, ministry spokesperson Li Wenjun said.",
        [{"Zhang Hualin", "Omar Farouk Hassan"}],
    ),
]

ENCOUNTERS = [
    Case(
        "met X and later Y: two meetings",
        "Indian External Affairs Minister Ravi Kumar Menon met Japanese Foreign Minister Aiko "
        "Tanabe Mori on Monday and later held talks with Australian Foreign Minister Emma "
        "Clarke Hughes.",
        [
            {"Ravi Kumar Menon", "Aiko Tanabe Mori"},
            {"Ravi Kumar Menon", "Emma Clarke Hughes"},
        ],
    ),
    Case(
        "a wire dateline is not the place of a phone call",
        "LONDON, March 4 (Wire) - British Foreign Secretary Thomas Hale spoke by telephone with "
        "Egyptian Foreign Minister Omar Farouk Hassan on Monday.",
        [{"Thomas Hale", "Omar Farouk Hassan"}],
        checks={"kind": "call", "location": None, "date": dt.date(2024, 3, 4)},
    ),
]

STATUS = [
    Case(
        "future in a relative clause",
        "Peruvian President Ana Ruiz Salazar and Chilean President Tomas Vey Olmedo, who will "
        "hold talks in Lima tomorrow, both called for calm.",
        [{"Ana Ruiz Salazar", "Tomas Vey Olmedo"}],
        checks={"status": "planned", "date": dt.date(2024, 3, 9)},
    ),
    Case(
        "talks have started",
        "Talks between Serbian Foreign Minister Marko Jovanovic and Kosovar Foreign Minister "
        "Arben Krasniqi have started in Brussels.",
        [{"Marko Jovanovic", "Arben Krasniqi"}],
        checks={"status": "held"},
    ),
    Case(
        "is scheduled to pay a courtesy call",
        "Vietnamese Deputy Prime Minister Tran Van Khiem is scheduled to pay a courtesy call on "
        "Thai Prime Minister Somchai Wongprasert on Friday next week.",
        [{"Tran Van Khiem", "Somchai Wongprasert"}],
        checks={"status": "planned"},
    ),
]

NOT_MEETINGS = [
    Case(
        "a meeting sought",
        "Ukrainian Foreign Minister Olena Bondarenko sought a meeting with Hungarian Foreign "
        "Minister Gabor Szabo Kovacs, but no date was set.",
        [],
    ),
    Case(
        "a meeting ruled out",
        "Polish Prime Minister Jan Nowicki ruled out meeting Belarusian President Viktor "
        "Lukashevich this year.",
        [],
    ),
    Case(
        "a meeting cancelled",
        "Japanese Prime Minister Hiroshi Tanabe cancelled his planned meeting with South Korean "
        "President Park Min-jun because of the typhoon.",
        [],
    ),
    Case(
        "a meeting unlikely",
        "Officials said Turkish President Ahmet Yilmaz was unlikely to meet Greek Prime Minister "
        "Nikos Papadakis at the summit.",
        [],
    ),
    Case(
        "an invitation alone",
        "Kenyan President William Kiprono Ruto invited Ethiopian Prime Minister Abebe Tesfaye "
        "Girma to visit Nairobi.",
        [],
    ),
    Case(
        "a statement is not a meeting",
        "Australian Foreign Minister Emma Clarke Hughes condemned the missile launch and urged "
        "Russian President Sergei Volkov to return to negotiations.",
        [],
    ),
]

SIDES = [
    Case(
        "a story datelined in a capital is told from that state's side",
        "ISLAMABAD, March 6 - Foreign Minister Shah Rashid Qadri met Irish Foreign Minister "
        "Sean Kearney Doyle on the sidelines of the UN General Assembly in New York.",
        [{"Shah Rashid Qadri", "Sean Kearney Doyle"}],
        checks={"city": "New York", "sides": {"Shah Rashid Qadri": "PK"}},
    ),
    Case(
        "a meeting at an organisation's seat does not make a participant a local official",
        "Turkish Foreign Minister Kemal Arslan Yildiz met Foreign Minister Ivan Horvat Babic on "
        "the margins of the NATO ministerial in Brussels on Wednesday.",
        [{"Kemal Arslan Yildiz", "Ivan Horvat Babic"}],
        checks={"city": "Brussels", "sides": {"Ivan Horvat Babic": None}},
    ),
    Case(
        "demonyms of smaller states come from a maintained list",
        "Togolese President Komlan Edem Agbo received Beninese Foreign Minister Olushegun "
        "Adjadi Bakari and Tongan Prime Minister Siaosi Fifita Vea in Lome on Monday.",
        [{"Komlan Edem Agbo", "Olushegun Adjadi Bakari", "Siaosi Fifita Vea"}],
        checks={
            "sides": {
                "Komlan Edem Agbo": "TG",
                "Olushegun Adjadi Bakari": "BJ",
                "Siaosi Fifita Vea": "TO",
            }
        },
    ),
    Case(
        "a government's own readout: its official is the one named first",
        "Minister Kemal Arslan Yildiz met Foreign Minister Ivan Horvat Babic in Brussels on "
        "Monday. Minister Yildiz stressed the importance of the Balkans.",
        [{"Kemal Arslan Yildiz", "Ivan Horvat Babic"}],
        url="https://www.mfa.gov.tr/readout-brussels",
        checks={"sides": {"Kemal Arslan Yildiz": "TR"}},
    ),
    Case(
        "a pair of states that holds one principal's gives the other's",
        "Foreign Minister Kenji Sato Hara met German Foreign Minister Anna Weber Schulz in "
        "Hiroshima on Monday. The two ministers agreed to deepen Japan-Germany relations.",
        [{"Kenji Sato Hara", "Anna Weber Schulz"}],
        checks={"sides": {"Kenji Sato Hara": "JP"}},
    ),
    Case(
        "side from 'of A' after the name and from 'A's' before it",
        "Foreign Minister Simon Kearney of Ireland met Portugal's Foreign Minister Rui Tavares "
        "Costa in Dublin on Monday.",
        [{"Simon Kearney", "Rui Tavares Costa"}],
        checks={"sides": {"Simon Kearney": "IE", "Rui Tavares Costa": "PT"}},
    ),
    Case(
        "side of an organisation official",
        "NATO Secretary-General Erik Lindqvist met Estonian Prime Minister Kadri Tammsaar in "
        "Tallinn on Monday.",
        [{"Erik Lindqvist", "Kadri Tammsaar"}],
        checks={"sides": {"Erik Lindqvist": "NATO", "Kadri Tammsaar": "EE"}},
    ),
    Case(
        "side and office of 'his Japanese counterpart'",
        "Russian Foreign Minister Sergei Volkov held talks with his Japanese counterpart, Hiroshi "
        "Tanabe, in Moscow on Monday.",
        [{"Sergei Volkov", "Hiroshi Tanabe"}],
        checks={
            "sides": {"Hiroshi Tanabe": "JP"},
            "titles": {"Hiroshi Tanabe": "Foreign Minister"},
        },
    ),
]

PLACES_AND_DATES = [
    Case(
        "a place that locates something discussed does not place the meeting",
        "NAIROBI, March 5 - Kenyan Foreign Minister Grace Wanjiru Njoroge met Ugandan Foreign "
        "Minister Sam Obura Odongo. The two ministers discussed the need for an ambitious "
        "outcome at the climate conference in Lisbon.",
        [{"Grace Wanjiru Njoroge", "Sam Obura Odongo"}],
        checks={"city": "Nairobi"},
    ),
    Case(
        "the calendar date says which day 'today' was",
        "Today, 5 March 2024, Kenyan Foreign Minister Grace Wanjiru Njoroge held talks with "
        "Ethiopian Foreign Minister Abebe Tesfaye Girma in Nairobi.",
        [{"Grace Wanjiru Njoroge", "Abebe Tesfaye Girma"}],
        checks={"date": dt.date(2024, 3, 5)},
    ),
    Case(
        "'has met' with no day: the news of the day",
        "Ghanaian President Kwame Mensah Boateng has met Togolese President Kofi Agbeko Amegah "
        "in Accra.",
        [{"Kwame Mensah Boateng", "Kofi Agbeko Amegah"}],
        checks={"date": PUBLISHED},
    ),
    Case(
        "in the city of X",
        "Laotian Prime Minister Sone Vongsa met Cambodian Prime Minister Hun Sokha on the "
        "sidelines of the regional summit in Vietnam's city of Hue on Tuesday.",
        [{"Sone Vongsa", "Hun Sokha"}],
        checks={"city": "Hue"},
    ),
    Case(
        "met here: the dateline's city",
        "NAIROBI, March 6 (Wire) - Kenyan President William Kiprono Ruto held talks here with "
        "Somali President Hassan Abdi Warsame.",
        [{"William Kiprono Ruto", "Hassan Abdi Warsame"}],
        checks={"city": "Nairobi"},
    ),
    Case(
        "someone else's visit elsewhere does not place the meeting",
        "Turkish Foreign Minister Ahmet Yilmaz Demir met Croatian Foreign Minister Ivan "
        "Horvat Babic in Brussels on Monday. At the meeting, they followed up on President "
        "Kaya Ozturk's visit to Zagreb.",
        [{"Ahmet Yilmaz Demir", "Ivan Horvat Babic"}],
        checks={"city": "Brussels"},
    ),
    Case(
        "a planned meeting is where the journey goes",
        "Kenyan President William Kiprono Ruto, who arrived in Kampala on Monday, will fly to "
        "Kigali on Wednesday to meet Rwandan President Paul Habimana Nkusi.",
        [{"William Kiprono Ruto", "Paul Habimana Nkusi"}],
        checks={"status": "planned", "city": "Kigali"},
    ),
    Case(
        "a host whose side is never stated acts for the country hosting",
        "President Amani Juma Mwinyi received Kenyan Foreign Minister Grace Wanjiru Njoroge at "
        "State House in Dodoma on Monday.",
        [{"Amani Juma Mwinyi", "Grace Wanjiru Njoroge"}],
        checks={"sides": {"Amani Juma Mwinyi": "TZ"}, "city": "Dodoma"},
    ),
    Case(
        "the place in the meeting's own phrase beats the dateline",
        "HAVANA, March 5 (Wire) - Portuguese President Rui Tavares Costa received Cuban President "
        "Miguel Ortega Diaz at the Belem Palace in Lisbon.",
        [{"Rui Tavares Costa", "Miguel Ortega Diaz"}],
        checks={"city": "Lisbon", "date": dt.date(2024, 3, 5)},
    ),
    Case(
        "a header line without a full stop ends its sentence",
        "Envoys agree to keep talking\n"
        "Kenyan Foreign Minister Daniel Otieno Kamau met Ethiopian Foreign Minister Abebe "
        "Tesfaye Girma in Nairobi on Monday.",
        [{"Daniel Otieno Kamau", "Abebe Tesfaye Girma"}],
        checks={"city": "Nairobi", "date": dt.date(2024, 3, 4)},
    ),
    Case(
        "a dateline without a year takes the publication year",
        "NAIROBI, March 6 (Wire) - Kenyan President William Kiprono Ruto met Somali President "
        "Hassan Abdi Warsame.",
        [{"William Kiprono Ruto", "Hassan Abdi Warsame"}],
        checks={"date": dt.date(2024, 3, 6), "city": "Nairobi"},
    ),
]

MORE_EXPRESSIONS = [
    Case(
        "received a phone call from B",
        "Egyptian President Omar Farouk Hassan received a phone call from Jordanian King Faisal "
        "bin Talal on Sunday.",
        [{"Omar Farouk Hassan", "Faisal bin Talal"}],
        checks={"kind": "call"},
    ),
    Case(
        "A and B spoke (intransitive, plural subject)",
        "French President Pierre Duval Martin and German Chancellor Anna Weber Schulz spoke by "
        "telephone on Tuesday about the energy crisis.",
        [{"Pierre Duval Martin", "Anna Weber Schulz"}],
        checks={"kind": "call", "topics": {"energy-climate"}},
    ),
    Case(
        "exchanged views with B",
        "Indian External Affairs Minister Ravi Kumar Menon exchanged views with Bhutanese "
        "Foreign Minister Tandin Dorji Wangchuk in Thimphu on Monday.",
        [{"Ravi Kumar Menon", "Tandin Dorji Wangchuk"}],
    ),
    Case(
        "presented credentials to a head of state",
        "The new Indian Ambassador, Arjun Mehta Rao, presented his credentials to Norwegian King "
        "Olav Haraldsen at the Royal Palace in Oslo on Wednesday.",
        [{"Arjun Mehta Rao", "Olav Haraldsen"}],
    ),
    Case(
        "an audience with a king",
        "Thai Prime Minister Somchai Wongprasert had an audience with Cambodian King Norodom "
        "Vireak in Phnom Penh on Monday.",
        [{"Somchai Wongprasert", "Norodom Vireak"}],
    ),
    Case(
        "was greeted by B on arrival",
        "Chinese Premier Li Qiangwei was greeted by Pakistani Prime Minister Imran Sadiq Malik "
        "on his arrival in Islamabad on Tuesday.",
        [{"Li Qiangwei", "Imran Sadiq Malik"}],
    ),
    Case(
        "co-chaired a commission meeting",
        "Nigerian Foreign Minister Yusuf Bello Danjuma and Ghanaian Foreign Minister Ama "
        "Owusu Asante co-chaired the joint commission meeting in Abuja on Thursday.",
        [{"Yusuf Bello Danjuma", "Ama Owusu Asante"}],
    ),
    Case(
        "hosted a dinner for B",
        "Canadian Prime Minister Claire Dubois Tremblay hosted a dinner for Mexican President "
        "Luis Herrera Ortiz in Ottawa on Monday.",
        [{"Claire Dubois Tremblay", "Luis Herrera Ortiz"}],
    ),
    Case(
        "met A separately: one meeting each",
        "During her visit to Tokyo, Australian Foreign Minister Emma Clarke Hughes met "
        "separately with Japanese Prime Minister Hiroshi Tanabe and Foreign Minister Aiko "
        "Tanabe Mori.",
        [
            {"Emma Clarke Hughes", "Hiroshi Tanabe"},
            {"Emma Clarke Hughes", "Aiko Tanabe Mori"},
        ],
    ),
    Case(
        "in a meeting with B, A said",
        "In a meeting with Kazakh President Nurlan Abenov in Astana on Monday, Turkish "
        "President Ahmet Yilmaz Demir said trade would double.",
        [{"Nurlan Abenov", "Ahmet Yilmaz Demir"}],
    ),
]

MORE_STATUS = [
    Case(
        "is expected to meet",
        "Brazilian President Marcos Teixeira Lima is expected to meet Argentine President Julia "
        "Romero Paz in Buenos Aires next week.",
        [{"Marcos Teixeira Lima", "Julia Romero Paz"}],
        checks={"status": "planned"},
    ),
    Case(
        "will travel to meet",
        "Kenyan President William Kiprono Ruto will travel to Addis Ababa on Monday to meet "
        "Ethiopian Prime Minister Abebe Tesfaye Girma.",
        [{"William Kiprono Ruto", "Abebe Tesfaye Girma"}],
        checks={"status": "planned", "date": dt.date(2024, 3, 11), "city": "Addis Ababa"},
    ),
    Case(
        "a headline 'A to meet B'",
        "The talks will focus on trade.",
        [{"Ana Ruiz Salazar", "Tomas Vey Olmedo"}],
        title="Peruvian President Ana Ruiz Salazar to meet Chilean President Tomas Vey Olmedo",
        checks={"status": "planned"},
    ),
    Case(
        "arrived, en route to meet (planned)",
        "Somali President Hassan Abdi Warsame arrived in Addis Ababa on Monday, en route to "
        "Nairobi to meet Kenyan President William Kiprono Ruto.",
        [{"Hassan Abdi Warsame", "William Kiprono Ruto"}],
        checks={"status": "planned"},
    ),
    Case(
        "flew to a city for talks (past: held)",
        "Japanese Foreign Minister Aiko Tanabe Mori flew to Manila on Tuesday for talks with "
        "Philippine Foreign Minister Jose Reyes Santos.",
        [{"Aiko Tanabe Mori", "Jose Reyes Santos"}],
        checks={"status": "held"},
    ),
    Case(
        "would meet, with a future day: planned",
        "The ministry said Foreign Minister Jan Nowicki of Poland would meet Lithuanian Foreign "
        "Minister Rasa Kairiene in Vilnius on March 15.",
        [{"Jan Nowicki", "Rasa Kairiene"}],
        checks={"status": "planned", "date": dt.date(2024, 3, 15)},
    ),
    Case(
        "had been due to meet: a plan overtaken, neither held nor planned",
        "Dutch Foreign Minister Sanne de Vries had been scheduled to hold talks with Turkish "
        "Foreign Minister Kemal Arslan Yildiz in Ankara on Friday.",
        [],
    ),
]

_HOST = (
    "Kenyan President William Kiprono Ruto received Ugandan President Joseph Okello Amin at "
    "State House in Nairobi on Monday. "
)
_BOTH = {"William Kiprono Ruto", "Joseph Okello Amin"}
ATTENDANCE = [
    Case(
        "the meeting was attended by (passive)",
        _HOST + "The meeting was attended by Kenyan Foreign Minister Grace Wanjiru Njoroge and "
        "Ugandan Foreign Minister Sam Obura Odongo.",
        [_BOTH | {"Grace Wanjiru Njoroge", "Sam Obura Odongo"}],
    ),
    Case(
        "also attending were",
        _HOST + "Also attending were Kenyan Trade Minister Peter Kamau Mwangi and Ugandan "
        "Ambassador Ruth Nakato Mirembe.",
        [_BOTH | {"Peter Kamau Mwangi", "Ruth Nakato Mirembe"}],
    ),
    Case(
        "was accompanied by, in a sentence of its own",
        _HOST + "President Okello was accompanied by Foreign Minister Sam Obura Odongo and "
        "Defence Minister Agnes Akello Nambi.",
        [_BOTH | {"Sam Obura Odongo", "Agnes Akello Nambi"}],
        checks={"sides": {"Agnes Akello Nambi": "UG"}},
    ),
    Case(
        "the delegation includes (present tense, listed members)",
        _HOST + "The Ugandan delegation includes Foreign Minister Sam Obura Odongo and Trade "
        "Minister Ruth Nakato Mirembe.",
        [_BOTH | {"Sam Obura Odongo", "Ruth Nakato Mirembe"}],
        checks={"sides": {"Ruth Nakato Mirembe": "UG"}},
    ),
    Case(
        "was joined by",
        _HOST + "President Ruto was joined by Foreign Minister Grace Wanjiru Njoroge.",
        [_BOTH | {"Grace Wanjiru Njoroge"}],
        checks={"sides": {"Grace Wanjiru Njoroge": "KE"}},
    ),
    Case(
        "officials including X also took part",
        _HOST + "Senior officials including Kenyan Interior Minister Peter Kamau Mwangi also took "
        "part in the talks.",
        [_BOTH | {"Peter Kamau Mwangi"}],
    ),
    Case(
        "in the presence of",
        "In the presence of Foreign Minister Grace Wanjiru Njoroge, Kenyan President William "
        "Kiprono Ruto received Ugandan President Joseph Okello Amin in Nairobi on Monday.",
        [_BOTH | {"Grace Wanjiru Njoroge"}],
    ),
    Case(
        "joining A were X (inverted, X on A's side)",
        _HOST + "Joining President Ruto were Foreign Minister Grace Wanjiru Njoroge and Trade "
        "Minister Peter Kamau Mwangi.",
        [_BOTH | {"Grace Wanjiru Njoroge", "Peter Kamau Mwangi"}],
        checks={"sides": {"Peter Kamau Mwangi": "KE"}},
    ),
    Case(
        "flanked by",
        _HOST + "President Okello was flanked by Foreign Minister Sam Obura Odongo.",
        [_BOTH | {"Sam Obura Odongo"}],
        checks={"sides": {"Sam Obura Odongo": "UG"}},
    ),
    Case(
        "attended by officials from both sides, including X and Y",
        _HOST + "The talks were also attended by senior officials from both sides, including "
        "Kenyan Foreign Minister Grace Wanjiru Njoroge and Ugandan Foreign Minister Sam Obura "
        "Odongo.",
        [_BOTH | {"Grace Wanjiru Njoroge", "Sam Obura Odongo"}],
    ),
    Case(
        "a named official only mentioned is not a participant",
        _HOST + "The two leaders paid tribute to former Kenyan President Daniel Toroitich Arap, "
        "who died last year.",
        [_BOTH],
    ),
]

OFFICES_AS_INITIALS = [
    Case(
        "people named together doing something jointly report a meeting of their own",
        "MANILA - Philippine Undersecretary Maria Elena Cruz Reyes met Chinese Vice Minister "
        "Shen Zhiwei in Manila on Tuesday. Separately, Japanese adviser Kenji Morita Sato, "
        "Australian adviser Simon Hale Brennan and Philippine adviser Eduardo Lacson Tan agreed "
        "to expand coast guard cooperation.",
        [
            {"Maria Elena Cruz Reyes", "Shen Zhiwei"},
            {"Kenji Morita Sato", "Simon Hale Brennan", "Eduardo Lacson Tan"},
        ],
    ),
    Case(
        "'the visiting leader at his hotel' is the visitor; mobile phones are not a call",
        "NEW DELHI, March 8 - Indian Prime Minister Arjun Mehta Rao held talks with Mauritian "
        "Prime Minister Devendra Ramlall Boodhoo on Friday. The services will let tourists pay "
        "with their mobile phones. Earlier, Indian External Affairs Minister Anand Varma Iyer "
        "called on the visiting leader at his hotel.",
        [
            {"Arjun Mehta Rao", "Devendra Ramlall Boodhoo"},
            {"Anand Varma Iyer", "Devendra Ramlall Boodhoo"},
        ],
        checks={"kind": "in_person"},
    ),
    Case(
        "a plural office in possessive before an event names the event, not a group",
        "On March 5, commencing at 10:15 a.m. (local time; 10:15 p.m. on the same day, Japan "
        "time) for approximately 35 minutes, Mr. SATO Kenji, Minister for Foreign Affairs "
        "of Japan, who is visiting Rio de Janeiro to attend the G20 Foreign Ministers' Meeting, "
        "held a Foreign Ministers' Meeting with H.E. Mr. Paulo Souza Lima, Minister of Foreign "
        "Affairs of Brazil. On the same day, Minister SATO also held a meeting with Dr. Naomi "
        "Dlamini Khumalo, Minister of International Relations of South Africa.\n\n"
        "1 Japan-Brazil Foreign Ministers' Meeting\n\n"
        "The two ministers exchanged views on the situation in Ukraine.\n\n"
        "2 Japan-South Africa Foreign Ministers' Meeting\n\n"
        "The two ministers agreed to advance cooperation on critical minerals.",
        [{"SATO Kenji", "Paulo Souza Lima"}, {"SATO Kenji", "Naomi Dlamini Khumalo"}],
    ),
    Case(
        "a transcript's speaker label is not the sentence's subject",
        "Question: Can you share details of the call?\n\nLi Wenjun: On May 10, Chinese Foreign "
        "Minister Zhang Hualin had a phone call with Egyptian Foreign Minister Omar Farouk "
        "Hassan.",
        [{"Zhang Hualin", "Omar Farouk Hassan"}],
        published=dt.date(2024, 5, 12),
        checks={"kind": "call", "date": dt.date(2024, 5, 10)},
    ),
    Case(
        "'he' continues a state's office named as subject",
        "Spokesperson Li Wenjun took questions. Egypt's foreign minister said on Saturday that "
        "he had spoken with Chinese Foreign Minister Zhang Hualin. Egyptian Foreign Minister "
        "Omar Farouk Hassan also thanked China.",
        [{"Omar Farouk Hassan", "Zhang Hualin"}],
    ),
    Case(
        "'the following day' is the day after the meeting before; 'Rt. Hon.' is courtesy; the "
        "Commonwealth is an organisation",
        "On 24 October, Kenyan Foreign Minister Grace Wanjiru Njoroge called on the Commonwealth "
        "Secretary-General, Rt. Hon. Dr. Helena Marsh Gordon. The following day, Minister "
        "Njoroge met Samoan Prime Minister Leota Vaelua Fonoti.",
        [
            {"Grace Wanjiru Njoroge", "Helena Marsh Gordon"},
            {"Grace Wanjiru Njoroge", "Leota Vaelua Fonoti"},
        ],
        checks={
            "dates": [dt.date(2023, 10, 24), dt.date(2023, 10, 25)],
            "sides": {"Helena Marsh Gordon": "Commonwealth"},
        },
    ),
    Case(
        "a phone call hung far from its verb still makes it a call, on the call's day; a "
        "hyphenated surname alone is still the person",
        "LIMA - Peruvian Foreign Minister Ana Ruiz-Salazar and her Chilean counterpart Tomas Vey "
        "Olmedo discussed the next round of talks between Lima and Quito in a phone call on "
        "Wednesday. On Monday, Ruiz-Salazar met Vey Olmedo in Santiago.",
        [{"Ana Ruiz-Salazar", "Tomas Vey Olmedo"}, {"Ana Ruiz-Salazar", "Tomas Vey Olmedo"}],
        checks={"kind": "call", "date": dt.date(2024, 3, 6)},
    ),
    Case(
        "'the visiting dignitary' is the visitor from abroad the story opens with",
        "NAIROBI, March 8 - Peruvian Foreign Minister Ana Ruiz Salazar arrived here on a "
        "two-day visit. She was received at the airport by Peruvian Ambassador Tomas Vey Olmedo. "
        "During her stay, the visiting dignitary will call on Kenyan President Daniel Kimani "
        "Otieno.",
        [{"Ana Ruiz Salazar", "Daniel Kimani Otieno"}],
        checks={"status": "planned"},
    ),
    Case(
        "initials stand for the office: 'PM Ruiz', and 'EAM' alone for its holder",
        "External Affairs Minister Arvind Raman Pillai will visit Peru from 10 to 12 March. On "
        "11 March, EAM will call on PM Ana Ruiz Salazar in Lima.",
        [{"Arvind Raman Pillai", "Ana Ruiz Salazar"}],
        checks={"status": "planned", "titles": {"Ana Ruiz Salazar": "Prime Minister"}},
    ),
    Case(
        "an office named alone carries the subject on to 'he'",
        "External Affairs Minister Arvind Raman Pillai arrived in Lima on Monday. The next day, "
        "EAM called on Peruvian President Ana Ruiz Salazar. He is scheduled to meet Hon. Tomas "
        "Vey Olmedo, Minister of Defence of Peru, on Wednesday.",
        [{"Arvind Raman Pillai", "Ana Ruiz Salazar"}, {"Arvind Raman Pillai", "Tomas Vey Olmedo"}],
    ),
    Case(
        "initials joined to another office by 'and' are a second person",
        "External Affairs Minister Arvind Raman Pillai arrived in Lima on Monday. On Tuesday, "
        "EAM and PM Ana Ruiz Salazar held talks on trade.",
        [{"Arvind Raman Pillai", "Ana Ruiz Salazar"}],
        checks={"date": dt.date(2024, 3, 5)},
    ),
    Case(
        "a portfolio the word list lacks runs on to the name",
        "Coordinating Minister for Maritime Affairs and Investment Budi Santoso Harjono held a "
        "virtual meeting with Australian Minister for Climate Change and Energy Callum Whitlow "
        "Hayes on Wednesday.",
        [{"Budi Santoso Harjono", "Callum Whitlow Hayes"}],
        checks={
            "kind": "video",
            "titles": {
                "Budi Santoso Harjono": "Coordinating Minister for Maritime Affairs and Investment",
                "Callum Whitlow Hayes": "Minister for Climate Change and Energy",
            },
        },
    ),
    Case(
        "an office 'at the Ministry of ...' is one title",
        "Minister of State at the Ministry of Foreign Affairs Dr. Khalid bin Nasser Al Thani met "
        "Somali Foreign Minister Abdi Hassan Warsame in Doha on Tuesday.",
        [{"Khalid bin Nasser Al Thani", "Abdi Hassan Warsame"}],
        checks={
            "titles": {
                "Khalid bin Nasser Al Thani": "Minister of State at the Ministry of Foreign Affairs"
            }
        },
    ),
    Case(
        "a short surname that is also a word begins the name, not the portfolio",
        "First Vice Minister of Foreign Affairs Oh Min-seok held talks with Undersecretary of "
        "State of the Ministry of Foreign Affairs of the Republic of Poland Anna Zielinska-Kowal "
        "in Seoul on Tuesday.",
        [{"Oh Min-seok", "Anna Zielinska-Kowal"}],
        checks={
            "sides": {"Anna Zielinska-Kowal": "PL"},
            "titles": {
                "Oh Min-seok": "First Vice Minister of Foreign Affairs",
                "Anna Zielinska-Kowal": (
                    "Undersecretary of State of the Ministry of Foreign Affairs"
                ),
            },
        },
    ),
    Case(
        "a planned meeting is in the city the visit goes to",
        "Indonesian Foreign Minister Budi Santoso Harjono said he plans to visit Canberra in May "
        "to meet Australian Foreign Minister Callum Whitlow Hayes.",
        [{"Budi Santoso Harjono", "Callum Whitlow Hayes"}],
        checks={"status": "planned", "city": "Canberra"},
    ),
    Case(
        "a name the parse hung away from its verb is still the one met",
        "Indian External Affairs Minister Arvind Raman Pillai called on Kenyan President Daniel "
        "Kimani Otieno in Nairobi on Monday. On the same day, he is scheduled to meet Hon. Amina "
        "Juma Mwinyi, Cabinet Secretary for Defence, to discuss defence and maritime security "
        "cooperation in the Western Indian Ocean.",
        [
            {"Arvind Raman Pillai", "Daniel Kimani Otieno"},
            {"Arvind Raman Pillai", "Amina Juma Mwinyi"},
        ],
    ),
]

TOPICS_OF_THE_MEETING = [
    Case(
        "'the <demonym> side' goes on about the meeting",
        "Finnish Foreign Minister Aino Virtanen met Estonian Foreign Minister Kalev Rebane in "
        "Tallinn on Monday. The Finnish side stressed cooperation on energy security.",
        [{"Aino Virtanen", "Kalev Rebane"}],
        checks={"topics": {"energy-climate"}},
    ),
    Case(
        "a pronoun subject goes on about the meeting",
        "Portuguese President Rui Sampaio Leal received Angolan President Joaquim Dala Neto in "
        "Lisbon on Tuesday. She later told reporters that vaccine production would double.",
        [{"Rui Sampaio Leal", "Joaquim Dala Neto"}],
        checks={"topics": {"health"}},
    ),
    Case(
        "an office as the subject goes on about the meeting",
        "Irish Foreign Minister Ciaran Duggan met Icelandic Foreign Minister Sigrun Hallsdottir "
        "in Dublin on Monday. The Foreign Minister highlighted climate change in the Arctic.",
        [{"Ciaran Duggan", "Sigrun Hallsdottir"}],
        checks={"topics": {"energy-climate"}},
    ),
    Case(
        "'the three' after a three-way meeting",
        "Chilean President Tomas Vey Olmedo, Peruvian President Ana Ruiz Salazar and Bolivian "
        "President Evo Quispe Mamani met in Arica on Monday. The three pledged to expand "
        "tourism.",
        [{"Tomas Vey Olmedo", "Ana Ruiz Salazar", "Evo Quispe Mamani"}],
        checks={"topics": {"culture-people"}},
    ),
    Case(
        "a sentence about something else carries no topic to the meeting",
        "Norwegian Prime Minister Eirik Solberg Dahl met Danish Prime Minister Mette Krogh "
        "Larsen in Oslo on Monday to discuss trade. Separately, a storm closed the port.",
        [{"Eirik Solberg Dahl", "Mette Krogh Larsen"}],
        checks={"topics_exact": {"economy-trade"}},
    ),
    Case(
        "a meeting only the headline reports takes its topics from the body's sentences",
        "Malawian President Chikondi Banda Phiri assured Zambia of support for the new railway "
        "and closer trade links, the presidency said on Monday.",
        [{"Chikondi Banda Phiri", "Mulenga Chanda Mwale"}],
        title="Malawian President Chikondi Banda Phiri meets Zambian envoy Mulenga Chanda Mwale",
        checks={"topics": {"economy-trade"}},
    ),
    Case(
        "a reduced passive: 'a dinner hosted by A' makes A the host",
        "Paraguayan Foreign Minister Lucia Benitez Rojas attended a state dinner hosted by "
        "Uruguayan President Martin Olivera Suarez in Montevideo on Monday.",
        [{"Lucia Benitez Rojas", "Martin Olivera Suarez"}],
        checks={"roles": {"Martin Olivera Suarez": "host", "Lucia Benitez Rojas": "visitor"}},
    ),
    Case(
        "'<city>, <state>' in a header is a place, not a side",
        "Canadian Foreign Minister Claire Tremblay met Director Liu Wenjun in Nairobi on "
        "Monday. Ms Tremblay said Canada valued its dialogue with China.",
        [{"Claire Tremblay", "Liu Wenjun"}],
        title="Press conference, Nairobi, Kenya",
        checks={"sides": {"Claire Tremblay": "CA", "Liu Wenjun": "CN"}},
    ),
    Case(
        "a list of several states gives no one of them to a person of unstated side",
        "Japanese Prime Minister Sato Kenji met President Amara Diallo Toure on Friday. Sato "
        "offered to host a meeting of the leaders of Japan, India, Brazil and Kenya next year.",
        [{"Sato Kenji", "Amara Diallo Toure"}],
        checks={"sides": {"Sato Kenji": "JP", "Amara Diallo Toure": None}},
    ),
    Case(
        "'her envoy will meet B': the envoy goes, not she",
        "Chilean President Ana Ruiz Salazar said on Monday that her special envoy will meet "
        "Bolivian President Evo Quispe Mamani in La Paz on Friday.",
        [],
    ),
    Case(
        "'I will meet B' in a transcript: the speaker of the label before it",
        "Transcript of remarks, Lima\n\nFOREIGN MINISTER ANA RUIZ SALAZAR: Good morning. "
        "Tomorrow I will meet President Tomas Vey Olmedo in Santiago to discuss trade.",
        [{"Ana Ruiz Salazar", "Tomas Vey Olmedo"}],
        checks={"status": "planned"},
    ),
    Case(
        "'I will meet B' in a minister's own release: the byline's author",
        "Senator the Hon Claire Tremblay\nMinister for Foreign Affairs\n\nMedia release\n\n"
        "On Tuesday I will meet Prime Minister Josefa Vakalalabure in Suva.",
        [{"Claire Tremblay", "Josefa Vakalalabure"}],
        checks={"status": "planned", "city": "Suva"},
    ),
    Case(
        "'I' in a quote with no speaker label or byline is no one the article names",
        'Chilean President Ana Ruiz Salazar arrived in Lima on Monday. "I will meet the '
        'President Tomas Vey Olmedo tomorrow," a senior aide said.',
        [],
    ),
    Case(
        "'the two leaders will hold talks' before any meeting is reported",
        "Kenyan President William Kiprono Ruto will make a state visit to Ghana next week at "
        "the invitation of his Ghanaian counterpart, Kwame Mensah Boateng. The two leaders "
        "will hold talks in Accra on Tuesday.",
        [{"William Kiprono Ruto", "Kwame Mensah Boateng"}],
        checks={"status": "planned", "date": dt.date(2024, 3, 12)},
    ),
    Case(
        "'received, at <place>, the <office> of <state>, <name>': the visitor hung on the place",
        "Foreign Minister Ana Ruiz Salazar received on Thursday, at the Ministry's headquarters "
        "in Lima, the Minister of Foreign Affairs of Chile, Tomas Vey Olmedo, "
        "for a working meeting.",
        [{"Ana Ruiz Salazar", "Tomas Vey Olmedo"}],
        checks={"sides": {"Tomas Vey Olmedo": "CL"}},
    ),
    Case(
        "'the Ambassador of <state> to <state>, <name>': a posting after the side",
        "Foreign Minister Daniel Otieno Kamau spoke on Tuesday after hosting the Ambassador of "
        "the Republic of Korea to Kenya, Choi Min-jun, at his office in Nairobi.",
        [{"Daniel Otieno Kamau", "Choi Min-jun"}],
        checks={"sides": {"Choi Min-jun": "KR"}},
    ),
    Case(
        "a readout's bullet without a subject: the protagonist's engagement",
        "Foreign Minister Arun Mehta Rao held a series of meetings in New York on Tuesday.\n\n"
        "\u2022 Called on Ms. Ingrid Dahl Berg, UN Under-Secretary-General for Political "
        "Affairs. Discussed the reform of the Security Council.",
        [{"Arun Mehta Rao", "Ingrid Dahl Berg"}],
        checks={"sides": {"Ingrid Dahl Berg": "UN"}},
    ),
    Case(
        "a government's own readout leaves out its own officials' state",
        "Minister Thandi Mokoena Khumalo held talks with her Kenyan counterpart Daniel Otieno "
        "Kamau in Pretoria on Monday. Also present at the meeting was Deputy Director-General "
        "Sipho Dlamini Zulu.",
        [{"Thandi Mokoena Khumalo", "Daniel Otieno Kamau", "Sipho Dlamini Zulu"}],
        url="https://www.dirco.gov.za/news/talks-with-kenya",
        checks={
            "sides": {
                "Thandi Mokoena Khumalo": "ZA",
                "Daniel Otieno Kamau": "KE",
                "Sipho Dlamini Zulu": "ZA",
            }
        },
    ),
    Case(
        "'<state>'s <office> for <portfolio>, <name>': the state before the office",
        "Spain's Secretary of State for Foreign Affairs, Lucia Ferrer Ortega, met Foreign "
        "Minister Crescencio Obiang Nsue in Malabo on Thursday.",
        [{"Lucia Ferrer Ortega", "Crescencio Obiang Nsue"}],
        checks={"sides": {"Lucia Ferrer Ortega": "ES"}},
    ),
    Case(
        "'Special Envoy for <capitalised portfolio> <name>': the portfolio is not the name",
        "Qatari Prime Minister Khalid Al-Nuaimi met US Special Envoy for Middle East Affairs "
        "Daniel Ashford in Doha on Sunday.",
        [{"Khalid Al-Nuaimi", "Daniel Ashford"}],
        checks={"sides": {"Daniel Ashford": "US"}, "city": "Doha"},
    ),
    Case(
        "'Today in <city>, A was received by B': a time does not take the place",
        "In Astana on Monday, German Foreign Minister Johanna Reinhold held talks with Kazakh "
        "Foreign Minister Askar Zhumabekov.\n\nToday in Tashkent, the German minister was "
        "received by Uzbek President Rustam Nurmatov.",
        [{"Johanna Reinhold", "Askar Zhumabekov"}, {"Johanna Reinhold", "Rustam Nurmatov"}],
        checks={"cities": ["Astana", "Tashkent"]},
    ),
    Case(
        "a government's own readout: its side however many of its officials it names",
        "His Majesty King Hashem bin Talal received Cypriot President Nikos Charalambous on "
        "Monday. Crown Prince Zaid bin Hashem and Prime Minister Samir "
        "Al-Majali attended the meeting.",
        [{"Hashem bin Talal", "Nikos Charalambous", "Zaid bin Hashem", "Samir Al-Majali"}],
        url="https://petra.gov.jo/news/61234",
        checks={
            "sides": {
                "Hashem bin Talal": "JO",
                "Nikos Charalambous": "CY",
                "Zaid bin Hashem": "JO",
                "Samir Al-Majali": "JO",
            }
        },
    ),
    Case(
        "'the Honourable <name>': the courtesy word ends before the name",
        "Philippine Foreign Secretary Ana Villareal Cruz held talks with the Honourable "
        "Marc-Andre Tremblay, Minister of International Development of Canada, in Manila on "
        "Monday.",
        [{"Ana Villareal Cruz", "Marc-Andre Tremblay"}],
        checks={"sides": {"Marc-Andre Tremblay": "CA"}},
    ),
    Case(
        "what a written message says is no meeting",
        "Foreign Minister Tran Van Hoa on Monday sent a message of congratulations to new Lao "
        "Foreign Minister Khamla Vongsavath. In the message, Hoa expressed his belief that "
        "Vongsavath will strengthen the friendship between the two countries.",
        [],
    ),
    Case(
        "'EAM' is the External Affairs Minister, not any minister named last",
        "External Affairs Minister Arvind Raman Pillai was in Colombo on Tuesday. Prime "
        "Minister Nimal Perera Silva hosted a lunch for business leaders. On Wednesday EAM "
        "called on President Kumari Dias Jayawardena.",
        [{"Arvind Raman Pillai", "Kumari Dias Jayawardena"}],
    ),
    Case(
        "a name called out before a clause ('Ravi, EAM is in Lima') takes no title",
        "External Affairs Minister Arvind Raman Pillai arrived in Lima on Sunday.\n\n"
        "Question: Ravi Menon, EAM is in Lima this week. Is there a meeting?\n\n"
        "Spokesperson Ravi Menon: EAM met Peruvian Foreign Minister Ana Ruiz Salazar on Monday.",
        [{"Arvind Raman Pillai", "Ana Ruiz Salazar"}],
    ),
    Case(
        "'Sri Lanka' is a state: 'Sri' is no honorific there, and 'Lanka' no town",
        "Indian External Affairs Minister Arvind Raman Pillai met Sri Lankan President "
        "Kumari Dias Jayawardena on Tuesday to discuss fishermen detained in Sri Lanka.",
        [{"Arvind Raman Pillai", "Kumari Dias Jayawardena"}],
        checks={"location": None},
    ),
    Case(
        "in a speaker's turn, a verb without a subject is the speaker's",
        "Transcript of the joint press conference, Pretoria\n\n"
        "PRESIDENT THABO NKOSI MABUZA: It has been an honour to welcome President Joao "
        "Manuel Lourenco Neto of Angola to Pretoria today.",
        [{"Thabo Nkosi Mabuza", "Joao Manuel Lourenco Neto"}],
    ),
    Case(
        "a headline's comma joins two people; it does not describe the second",
        "President Ana Ruiz Salazar and Chilean Prime Minister Tomas Vey Olmedo held talks in "
        "Lima on Monday.",
        [{"Ana Ruiz Salazar", "Tomas Vey Olmedo"}],
        title="Chilean premier, Ruiz Salazar seal fisheries deal",
        checks={"sides": {"Ana Ruiz Salazar": "PE", "Tomas Vey Olmedo": "CL"}},
    ),
    Case(
        "'the Indian foreign secretary' as subject carries on to 'he'",
        "Indian Foreign Secretary Anand Mohan Trivedi arrived in Dhaka on Monday. After the "
        "talks, the Indian foreign secretary paid a courtesy call on Foreign Adviser Nazmul "
        "Haque Siddiqui at the foreign ministry, where they discussed trade. In the evening, "
        "he called on Chief Adviser Mahbubur Rahman Talukder at the State Guest House.",
        [
            {"Anand Mohan Trivedi", "Nazmul Haque Siddiqui"},
            {"Anand Mohan Trivedi", "Mahbubur Rahman Talukder"},
        ],
    ),
    Case(
        "'<state>'s <name>' is a person even when the model tags the name a place",
        "Ukrainian Foreign Minister Mykola Tkachenko hosted Poland's Tomasz Wierzbicki and "
        "Lithuania's Vytautas Kairys for talks on Thursday.",
        [{"Mykola Tkachenko", "Tomasz Wierzbicki", "Vytautas Kairys"}],
        checks={"sides": {"Tomasz Wierzbicki": "PL", "Vytautas Kairys": "LT"}},
    ),
    Case(
        "'the two presidents last met' after a planned meeting is history, not that plan held",
        "On December 11, President Tran Van Hoa will hold talks with Lao President Khamla "
        "Vongsavath in Vientiane. On December 12, he will meet separately with National "
        "Assembly Chairman Somsak Inthavong.\n\nThe two presidents last met in Hanoi last "
        "year.",
        [{"Tran Van Hoa", "Khamla Vongsavath"}, {"Tran Van Hoa", "Somsak Inthavong"}],
        published=dt.date(2024, 12, 5),
        checks={"cities": ["Vientiane", None]},
    ),
    Case(
        "a headline naming two meetings gives each its own people",
        "Foreign Minister Ana Ruiz Salazar met Chilean Foreign Minister Tomas Vey Olmedo in "
        "Lima on Monday.\n\nDeputy Minister Lucia Benitez Rojas spoke by phone on Sunday with "
        "Japanese Vice Minister Sato Kenji.",
        [
            {"Ana Ruiz Salazar", "Tomas Vey Olmedo"},
            {"Lucia Benitez Rojas", "Sato Kenji"},
        ],
        title="Minister Ruiz Salazar's Meeting with Chilean Foreign Minister Vey Olmedo; "
        "Deputy Minister Benitez Rojas's Call with Japanese Vice Minister Sato",
    ),
    Case(
        "'<name>, special envoy of ...': a name an office follows in apposition",
        "Chinese Vice President Tang Jiawei met with Alejandro Vargas Quispe, special envoy "
        "of the President of Peru and former foreign minister, in Beijing on Friday.",
        [{"Tang Jiawei", "Alejandro Vargas Quispe"}],
    ),
    Case(
        "'Ambassador in <city> <name>': the posting's city is not part of the name",
        "Foreign Secretary Farida Rahman Khan received Nepalese Ambassador in Dhaka Bishnu "
        "Prasad Adhikari at the ministry on Tuesday.",
        [{"Farida Rahman Khan", "Bishnu Prasad Adhikari"}],
    ),
]

OBJECTS_THE_PARSE_MISPLACES = [
    Case(
        "'X, received at <place> <title> Y': a place before the object, verb parsed as a modifier",
        "The Secretary-General of the Commonwealth, Maria Ochoa Lind, received at the "
        "secretariat Ambassador Lena Dahlberg, Special Envoy of Norway for the Sahel.",
        [{"Maria Ochoa Lind", "Lena Dahlberg"}],
        published=None,
    ),
    Case(
        "'travelled to X for talks at the building with Y': a noun's with-phrase on its place",
        "Thai Prime Minister Thanakorn Wongsa travelled to Putrajaya on Saturday for talks at the "
        "Perdana Putra building with Malaysian Prime Minister Zulkifli Hashimi.",
        [{"Thanakorn Wongsa", "Zulkifli Hashimi"}],
        checks={"city": "Putrajaya"},
    ),
    Case(
        "'X accompanied A, while Y was also present': a companion's side is A's only if all agree",
        "Canadian officials said Prime Minister Daniel Fortin met Chinese President Xu Zhenhai in "
        "Osaka on Friday. Foreign Minister Claire Whitman accompanied Fortin, while Chinese "
        "Foreign Minister Ma Qiwu was also present.",
        [{"Daniel Fortin", "Xu Zhenhai", "Claire Whitman", "Ma Qiwu"}],
        checks={"sides": {"Daniel Fortin": None, "Ma Qiwu": "CN"}},
    ),
    Case(
        "'held talks at <place> in <city> with Y': the with-phrase hung on the place",
        "Prime Minister Khamla Sengdara held talks on Monday at the Prime Minister's Office in "
        "Vientiane with Cambodian Deputy Prime Minister Chea Rithy.",
        [{"Khamla Sengdara", "Chea Rithy"}],
        checks={"city": "Vientiane"},
    ),
]

CALLS_ARE_BILATERAL = [
    Case(
        "'held phone calls with B and C': one call with each",
        "Turkish President Kerem Aksoylu held phone calls with Russian President Pavel Gromov "
        "and Ukrainian President Taras Melnyk on Tuesday.",
        [{"Kerem Aksoylu", "Pavel Gromov"}, {"Kerem Aksoylu", "Taras Melnyk"}],
        checks={"kind": "call"},
    ),
    Case(
        "'received phone calls from B and C': one call with each",
        "Saudi Foreign Minister Nawaf Al Rashed received phone calls on Tuesday from Pakistani "
        "Foreign Minister Bilal Qureshi Khan and Egyptian Foreign Minister Tarek Samir.",
        [{"Nawaf Al Rashed", "Bilal Qureshi Khan"}, {"Nawaf Al Rashed", "Tarek Samir"}],
    ),
    Case(
        "a joint call stays one call",
        "French President Luc Moreau held a joint phone call with German Chancellor Anna Weber "
        "and Italian Prime Minister Giulia Ferri on Tuesday.",
        [{"Luc Moreau", "Anna Weber", "Giulia Ferri"}],
    ),
]

SIDES_FROM_COUNTERPARTS_AND_LISTS = [
    Case(
        "'his Ugandan counterpart, President Y': the side comes with the counterpart",
        "President Joseph Kamau Wambugu on Thursday hosted his Ugandan counterpart, President "
        "Amos Kato Mugisha, at State House.",
        [{"Joseph Kamau Wambugu", "Amos Kato Mugisha"}],
        checks={"sides": {"Amos Kato Mugisha": "UG"}},
    ),
    Case(
        "'his Cambodian and Japanese counterparts' are not his side; another's adjective is theirs",
        "Prime Minister Anan Kittiwong held separate talks with his Cambodian and Japanese "
        "counterparts on the sidelines of the summit. On Thursday, Mr Anan met Cambodian Prime "
        "Minister Sok Dara. On Friday, he met Japanese Prime Minister Kenji Aoyama.",
        [{"Anan Kittiwong", "Sok Dara"}, {"Anan Kittiwong", "Kenji Aoyama"}],
        checks={"sides": {"Anan Kittiwong": None, "Sok Dara": "KH"}},
    ),
    Case(
        "'and, on the Greek side, X': a list's side phrase gives its side to the names after it",
        "UAE President Rashid Al Mansoori received Greek Prime Minister Nikos Laskaris in Abu "
        "Dhabi on Monday. The meeting was attended by Khalid Al Suwaidi, Minister of State; "
        "and, on the Greek side, Foreign Minister Petros Andrianos.",
        [{"Rashid Al Mansoori", "Nikos Laskaris", "Khalid Al Suwaidi", "Petros Andrianos"}],
        checks={"sides": {"Khalid Al Suwaidi": "AE", "Petros Andrianos": "GR"}},
    ),
    Case(
        "'The Colombian Foreign Minister was accompanied by X': a principal named by office",
        "Colombian Foreign Minister Luisa Cardenas Rojas met Ecuadorian Foreign Minister Juan "
        "Andrade Viteri in Quito on Monday. The Colombian Foreign Minister was accompanied by "
        "the Vice Minister of Multilateral Affairs, Andres Galeano Rincon.",
        [{"Luisa Cardenas Rojas", "Juan Andrade Viteri", "Andres Galeano Rincon"}],
        checks={"sides": {"Andres Galeano Rincon": "CO"}},
    ),
    Case(
        "an official attending in the host's capital without a stated side is the host's",
        "Indonesian Foreign Minister Sari Wibowo met Australian Foreign Minister Penelope Hart in "
        "Jakarta on Monday. Deputy Foreign Minister Bambang Sutrisno also attended the meeting.",
        [{"Sari Wibowo", "Penelope Hart", "Bambang Sutrisno"}],
        checks={"sides": {"Bambang Sutrisno": "ID"}},
    ),
    Case(
        "a story datelined at an organisation's seat is not written from the host state's side",
        "BRUSSELS, 5 October - High Representative Enrique Salas Ortega spoke by phone with "
        "the Minister of Foreign Affairs of Armenia, Aram Petrosyan.",
        [{"Enrique Salas Ortega", "Aram Petrosyan"}],
        checks={"sides": {"Aram Petrosyan": "AM", "Enrique Salas Ortega": None}},
    ),
]

ENCOUNTERS_AND_GROUPS = [
    Case(
        "'met A in P1 on D1 and B in P2 on D2': two settings, one meeting each",
        "Jan Dvoracek, the EU Commissioner for Enlargement, met Serbia's Prime Minister Milan "
        "Radic in Belgrade on Wednesday and Albania's Prime Minister Ilir Dervishi in Tirana on "
        "Thursday.",
        [{"Jan Dvoracek", "Milan Radic"}, {"Jan Dvoracek", "Ilir Dervishi"}],
    ),
    Case(
        "delegations of two states with no one named for them are unnamed people",
        "Turkish President Kerem Aksoylu spoke by phone with Russian President Pavel Gromov and "
        "Ukrainian President Taras Melnyk on Tuesday. Turkey hosted talks between the Russian "
        "and Ukrainian delegations in Istanbul on March 1.",
        [{"Kerem Aksoylu", "Pavel Gromov"}, {"Kerem Aksoylu", "Taras Melnyk"}],
    ),
    Case(
        "a spokesman who 'told his daily press conference' met nobody",
        "President Gustavo Ferrer Lima has declined an invitation to visit La Paz, spokesman "
        "Federico Salas Ortiz told his daily press conference on Wednesday.",
        [],
    ),
]

NAMES_PLACES_AND_OFFICES = [
    Case(
        "'Deputy Prime Minister of the Kingdom of X Y': a formal state name ends the title",
        "Prime Minister Khamla Sengdara held talks on Monday with Deputy Prime Minister of the "
        "Kingdom of Cambodia Chea Rithy.",
        [{"Khamla Sengdara", "Chea Rithy"}],
        checks={"sides": {"Chea Rithy": "KH"}},
    ),
    Case(
        "'The talks brought together A, B and C': the verb's object lists the people",
        "The talks in Geneva brought together Qatari Foreign Minister Hamad Al Kuwari, Egyptian "
        "Foreign Minister Samir Fawzy and Jordanian Foreign Minister Ziad Haddad.",
        [{"Hamad Al Kuwari", "Samir Fawzy", "Ziad Haddad"}],
    ),
    Case(
        "a split romanisation names the gazetteer's city, written as the gazetteer writes it",
        "Prime Minister Tran Van Khiem received Lao Deputy Prime Minister Somsak Vongsa in Ha Noi "
        "on Monday.",
        [{"Tran Van Khiem", "Somsak Vongsa"}],
        checks={"city": "Hanoi"},
    ),
    Case(
        "a place in what the meeting touched on is not where it was",
        "CAIRO, March 4 - Egyptian President Omar Fathy received WHO Director-General Kofi "
        "Mensah Asante on Monday. The meeting also touched on the situation in the Gaza Strip.",
        [{"Omar Fathy", "Kofi Mensah Asante"}],
        checks={"city": "Cairo"},
    ),
    Case(
        "'the WHO Regional Director for X, Dr. Y': the organisation before the office",
        "Egyptian President Omar Fathy received WHO Director-General Kofi Mensah Asante in Cairo "
        "on Monday, in the presence of the WHO Regional Director for the Eastern Mediterranean, "
        "Dr. Hamid Rahimi Nasab.",
        [{"Omar Fathy", "Kofi Mensah Asante", "Hamid Rahimi Nasab"}],
        checks={"sides": {"Hamid Rahimi Nasab": "WHO"}},
    ),
]

ATTENDING_OFFICIALS = [
    Case(
        "'Mr. Cheikh X': after 'Mr.' comes the given name, even one that is also a title",
        "The President of the Republic, His Excellency Mr. Cheikh Tidiane Sallah, received in "
        "audience on Thursday, at the Palace of the Republic in Dakar, Mr. Karim Benjelloul, "
        "Minister of Foreign Affairs of the Kingdom of Morocco.",
        [{"Cheikh Tidiane Sallah", "Karim Benjelloul"}],
    ),
    Case(
        "'the Secretary General of the Organization of American States (OAS), X': acronym too",
        "The Minister of Foreign Affairs of Ecuador, Mauricio Andrade Ceballos, met on Tuesday "
        "in Washington with the Secretary General of the Organization of American States (OAS), "
        "Hector Villanueva Prieto.",
        [{"Mauricio Andrade Ceballos", "Hector Villanueva Prieto"}],
        checks={"sides": {"Hector Villanueva Prieto": "OAS"}},
    ),
    Case(
        "'U X' and 'Daw Y': Myanmar's courtesy words are not names",
        "Myanmar Foreign Minister U Kyaw Min Htet received Chinese Ambassador Wang Zhiqian in Nay "
        "Pyi Taw on Monday. Also present at the call were U Tin Maung Soe, Permanent Secretary, "
        "and Daw Khin Thandar Aung, Director-General.",
        [{"Kyaw Min Htet", "Wang Zhiqian", "Tin Maung Soe", "Khin Thandar Aung"}],
    ),
    Case(
        "'Sultan bin X': a ruler's title before 'bin' is a given name",
        "UAE President Rashid Al Mansoori received Greek Prime Minister Nikos Laskaris in Abu "
        "Dhabi on Monday. The meeting was attended by H.H. Sheikh Sultan bin Rashid Al Mansoori, "
        "National Security Adviser.",
        [{"Rashid Al Mansoori", "Nikos Laskaris", "Sultan bin Rashid Al Mansoori"}],
    ),
    Case(
        "'The Minister for Europe and Foreign Affairs, X,': a name after a 'for' portfolio",
        "French President Luc Moreau received Lebanese Prime Minister Samir Itani in Paris on "
        "Monday. The Minister for Europe and Foreign Affairs, Alain Berthier-Dufresne, took part "
        "in the meeting.",
        [{"Luc Moreau", "Samir Itani", "Alain Berthier-Dufresne"}],
    ),
    Case(
        "'Also at the table were X and Y': an inverted copula puts them at the meeting",
        "Serbian Prime Minister Dragan Milosevski welcomed Albanian Prime Minister Arben Dervina "
        "at the city hall in Nis on Wednesday. Also at the table were Serbian Foreign Minister "
        "Nenad Stojic and his Albanian counterpart Erion Kryeza.",
        [{"Dragan Milosevski", "Arben Dervina", "Nenad Stojic", "Erion Kryeza"}],
        checks={"sides": {"Nenad Stojic": "RS", "Erion Kryeza": "AL"}},
    ),
    Case(
        "'Accompanying X in the talks were Y and Z': the copula's people, on X's side",
        "Indonesian President Hendra Kusumo held talks with Vietnamese President Truong Minh Khoi "
        "in Hanoi on Tuesday. Accompanying Kusumo in the talks were Foreign Minister Wulan "
        "Pramesti and Cabinet Secretary Agus Wicaksana.",
        [{"Hendra Kusumo", "Truong Minh Khoi", "Wulan Pramesti", "Agus Wicaksana"}],
        checks={"sides": {"Wulan Pramesti": "ID", "Agus Wicaksana": "ID"}},
    ),
    Case(
        "'X joined A and B for a trilateral meeting': X meets the people joined",
        "Japanese Defence Minister Koji Nishida joined U.S. Defense Secretary Richard Hollins and "
        "Australian Defence Minister Fiona McAlister for a trilateral meeting in Singapore on "
        "Saturday.",
        [{"Koji Nishida", "Richard Hollins", "Fiona McAlister"}],
    ),
    Case(
        "'X and Y also attended the dialogue': a dialogue is the meeting",
        "Korean Vice Foreign Minister Park Ji-hoon held a strategic dialogue with U.S. Deputy "
        "Secretary of State Richard Ellis in Seoul on Monday. Korean Deputy Minister Kang Min-seo "
        "and U.S. Ambassador Laura Penn also attended the dialogue.",
        [{"Park Ji-hoon", "Richard Ellis", "Kang Min-seo", "Laura Penn"}],
    ),
    Case(
        "'accompanied in the talks by ..., Smt. X': the stop of a short honorific ends nothing",
        "Indian External Affairs Minister Anand Krishnan held talks with Tanzanian Foreign "
        "Minister Faraji Mrisho in Dar es Salaam on Monday. The minister was accompanied in the "
        "talks by the High Commissioner of India to Tanzania, Smt. Kavita Raghavan.",
        [{"Anand Krishnan", "Faraji Mrisho", "Kavita Raghavan"}],
        checks={"sides": {"Kavita Raghavan": "IN"}},
    ),
]

PLANS_AFTER_A_MEETING = [
    Case(
        "'The two leaders will meet again in X': a plan after the meeting held is its own",
        "Kenyan President Daniel Otieno met Ugandan President Moses Okello in Nairobi on Monday. "
        "The two leaders will meet again in Kampala in September.",
        [{"Daniel Otieno", "Moses Okello"}, {"Daniel Otieno", "Moses Okello"}],
        checks={"statuses": ["held", "planned"]},
    ),
    Case(
        "'they agreed to meet in Paris on 22 June': the agreement is no meeting on that day",
        "French President Etienne Marchetti held a videoconference on Monday with Senegalese "
        "President Mamadou Diallo Ndiaye. The two leaders agreed to meet in person in Paris on "
        "the margins of the summit on 22 and 23 June.",
        [
            {"Etienne Marchetti", "Mamadou Diallo Ndiaye"},
            {"Etienne Marchetti", "Mamadou Diallo Ndiaye"},
        ],
        checks={"statuses": ["held", "planned"]},
    ),
    Case(
        "'denied reports that X would travel to meet Y': hearsay its source denies is no plan",
        "COLOMBO, Oct 19 - Sri Lanka's Prime Minister's Office on Thursday denied media reports "
        "that Prime Minister Ranjith Perera would travel to Beijing next week to meet Chinese "
        "Premier Zhao Ming.",
        [],
    ),
    Case(
        "'X, who is set to meet Y on Friday, said ...': the relative pronoun is X",
        "ROME, Jan 15 - Italian Foreign Minister Lorenzo Bellini, who is set to meet his "
        "Tunisian counterpart Hedi Ben Salem in Tunis on Friday, said on Wednesday that a "
        "ceasefire was needed.",
        [{"Lorenzo Bellini", "Hedi Ben Salem"}],
        published=dt.date(2020, 1, 15),
        checks={"status": "planned", "date": dt.date(2020, 1, 17)},
    ),
    Case(
        "'hoped to meet Y': a hope is no meeting, however the model lemmatises 'hoped'",
        "President Thabo Dlamini met Indian Prime Minister Rajesh Tripathi in New Delhi on "
        "Saturday. Dlamini also hoped to meet German Chancellor Markus Albers.",
        [{"Thabo Dlamini", "Rajesh Tripathi"}],
    ),
    Case(
        "'accepted an invitation from A to visit Japan': A is the one visited",
        "US President Joe Bidwell accepted an invitation from Japanese Prime Minister Fumio "
        "Kishimura to visit Japan next year.",
        [{"Joe Bidwell", "Fumio Kishimura"}],
        checks={"status": "planned"},
    ),
    Case(
        "'The two leaders agreed to meet again in the autumn': the controlling subject is plural",
        "Greek Prime Minister Andreas Kalogeras met Turkish President Selim Aydin in Brussels on "
        "Monday. The two leaders agreed to meet again in the autumn, Greek officials said.",
        [{"Andreas Kalogeras", "Selim Aydin"}, {"Andreas Kalogeras", "Selim Aydin"}],
        checks={"statuses": ["held", "planned"]},
    ),
    Case(
        "'On Tuesday, X is due to meet Y': the adjective carries the subject to the verb",
        "Kenyan President Daniel Otieno met Ugandan President Moses Okello in Nairobi on Monday. "
        "On Tuesday, Okello is due to meet Kenyan Prime Minister Ruth Wanjiru.",
        [{"Daniel Otieno", "Moses Okello"}, {"Moses Okello", "Ruth Wanjiru"}],
    ),
    Case(
        "'met with the U.S. special representative, X, on Monday': an apposed name read as a time",
        "SEOUL, March 4 (Wire) -- Foreign Minister Chung Min-ho met with the U.S. special "
        "representative for North Korea policy, Thomas R. Whitley, on Monday.",
        [{"Chung Min-ho", "Thomas R. Whitley"}],
    ),
]

FORMS_AND_ORGANISATIONS = [
    Case(
        "a regional organisation's official acts for it ('the ECOWAS Commission')",
        "The President of the ECOWAS Commission, Kwame Asare Boateng, on Tuesday briefed "
        "Nigerian President Olumide Adeyemi in Abuja.",
        [{"Kwame Asare Boateng", "Olumide Adeyemi"}],
        checks={"sides": {"Kwame Asare Boateng": "ECOWAS"}},
    ),
    Case(
        "a headline's 'by phone' is the call the body states, not the talks before it",
        "Prime Minister Khamla Sengdara held talks in Vientiane on Monday with Cambodian Deputy "
        "Prime Minister Chea Rithy. On the same day, Khamla held a telephone conversation with "
        "Thai Prime Minister Somchai Rattana.",
        [{"Khamla Sengdara", "Chea Rithy"}, {"Khamla Sengdara", "Somchai Rattana"}],
        title="Lao PM holds talks with Cambodian Deputy PM, speaks with Thai PM by phone",
        checks={"kind": "in_person"},
    ),
]

SIDES_ACROSS_MEETINGS = [
    Case(
        "a state whose official met this person elsewhere in the article is not their side",
        "Prime Minister Inoke Naivalu and Australia's Foreign Minister Catherine Blackmore held "
        'talks in Suva on Tuesday. "Australia\'s view is that security is a family matter," '
        "Blackmore said. New Zealand's Foreign Minister Hemi Walker-Tane is due in Suva next "
        "Tuesday for talks with Naivalu.",
        [{"Inoke Naivalu", "Catherine Blackmore"}, {"Inoke Naivalu", "Hemi Walker-Tane"}],
        title="PM, Australian FM talk climate and policing",
        checks={"statuses": ["held", "planned"], "sides": {"Inoke Naivalu": "FJ"}},
    ),
]

VISITS_AND_CAPITALS = [
    Case(
        "'travelled to X for talks with Y': the journey's end is where the talks were",
        "WARSAW, March 6 (Wire) - Polish Prime Minister Tomasz Wierzbowski travelled to Kyiv on "
        "Tuesday for talks with Ukrainian Prime Minister Oleksandr Hnatenko, his office said.",
        [{"Tomasz Wierzbowski", "Oleksandr Hnatenko"}],
        checks={"city": "Kyiv"},
    ),
    Case(
        "'the visiting premier' is the one who came to where the lead is set",
        "Polish Prime Minister Tomasz Wierzbowski held talks with Ukrainian Prime Minister "
        "Oleksandr Hnatenko in Kyiv on Tuesday. The visiting premier later met President Andriy "
        "Kovalchuk at the presidential office.",
        [
            {"Tomasz Wierzbowski", "Oleksandr Hnatenko"},
            {"Tomasz Wierzbowski", "Andriy Kovalchuk"},
        ],
    ),
    Case(
        "'Y, who is visiting from 13 to 15 March': a clause about a participant dates the visit",
        "HANOI, 14 March 2016 - Deputy Prime Minister Pham Quoc Thinh held talks in Hanoi with "
        "Indonesian Foreign Minister Dewi Kusumawati, who is paying an official visit to Viet "
        "Nam from 13 to 15 March.",
        [{"Pham Quoc Thinh", "Dewi Kusumawati"}],
        published=dt.date(2016, 3, 15),
        checks={"date": dt.date(2016, 3, 14)},
    ),
    Case(
        "'head to X, where she will meet President Y': the country of the scene is Y's",
        "UN Secretary-General Maria Fonseca Cunha will travel to East Africa next week. In "
        "Kenya, the Secretary-General will hold discussions with President Daniel Otieno Mwangi. "
        "She will then "
        "head to Uganda, where she will meet with President Moses Okwir.",
        [
            {"Maria Fonseca Cunha", "Daniel Otieno Mwangi"},
            {"Maria Fonseca Cunha", "Moses Okwir"},
        ],
        checks={"statuses": ["planned", "planned"], "last_sides": {"Moses Okwir": "UG"}},
    ),
    Case(
        "'a visit to X and Y': a state listed after a place's preposition is a place too",
        "External Affairs Minister Meena Raghunath will hold talks in Tashkent with the "
        "Foreign Minister of Uzbekistan, Jasur Tursunbekov, on 5 September.",
        [{"Meena Raghunath", "Jasur Tursunbekov"}],
        title="Visit of External Affairs Minister to Uzbekistan and Kazakhstan",
        checks={"sides": {"Meena Raghunath": None, "Jasur Tursunbekov": "UZ"}},
    ),
    Case(
        "'Japanese Foreign Minister A and Defence Minister B': the state is both officials'",
        "Japanese Foreign Minister Takeshi Ogiwara and Defence Minister Naoko Hiranuma met "
        "Philippine Foreign Secretary Ramon Salcedo Cruz in Manila on Monday.",
        [{"Takeshi Ogiwara", "Naoko Hiranuma", "Ramon Salcedo Cruz"}],
        checks={"sides": {"Naoko Hiranuma": "JP"}},
    ),
    Case(
        "'the visiting foreign minister from Peru, X': where the visitor comes from",
        "Bolivian Foreign Minister Ana Gutierrez Mamani and the visiting foreign minister from "
        "Peru, Gonzalo Paredes Llosa, agreed on Tuesday in La Paz to finance water plants.",
        [{"Ana Gutierrez Mamani", "Gonzalo Paredes Llosa"}],
        checks={"sides": {"Gonzalo Paredes Llosa": "PE"}},
    ),
    Case(
        "'Ghana's President, X, the chairman of the ECOWAS Authority': the side before the name",
        "Nigerian President Olumide Adeyemi on Monday briefed Ghana's President, Kwabena "
        "Owusu Mensah, the current chairman of the ECOWAS Authority, in Accra.",
        [{"Olumide Adeyemi", "Kwabena Owusu Mensah"}],
        checks={"sides": {"Kwabena Owusu Mensah": "GH"}},
    ),
    Case(
        "'The next stop was X. On Wednesday, she met Y': a tour's stop places what follows",
        "HONIARA, Aug 24 - Australian Foreign Minister Catherine Holt met Fijian Prime Minister "
        "Sitiveni Naula in Suva on Monday. The next stop was Port Moresby. On Wednesday, Holt "
        "met Papua New Guinea's Prime Minister Kila Wapena at his official residence.",
        [{"Catherine Holt", "Sitiveni Naula"}, {"Catherine Holt", "Kila Wapena"}],
        published=dt.date(2018, 8, 24),
        checks={"cities": ["Suva", "Port Moresby"]},
    ),
    Case(
        "'flew on to X on Thursday and held talks': the journey's end places the talks",
        "HONIARA, Aug 24 - Australian Foreign Minister Catherine Holt met Fijian Prime Minister "
        "Sitiveni Naula in Suva on Monday. Holt flew on to Honiara on Thursday and held talks "
        "the same afternoon with Solomon Islands Prime Minister Derek Manetto.",
        [{"Catherine Holt", "Sitiveni Naula"}, {"Catherine Holt", "Derek Manetto"}],
        published=dt.date(2018, 8, 24),
        checks={"cities": ["Suva", "Honiara"]},
    ),
    Case(
        "'The summit opened on Saturday. A few hours later, X met Y': the story's day moved",
        "ABUJA, Feb 17 - Nigerian President Babatunde Adewale arrived in Addis Ababa on Friday "
        "and held talks with Ethiopian Prime Minister Tesfaye Gebre. The summit opened on "
        "Saturday. A few hours later, Adewale met UN Secretary-General Lars Engstrand.",
        [{"Babatunde Adewale", "Tesfaye Gebre"}, {"Babatunde Adewale", "Lars Engstrand"}],
        published=dt.date(2025, 2, 17),
        checks={"dates": [dt.date(2025, 2, 14), dt.date(2025, 2, 15)]},
    ),
    Case(
        "'X said on Tuesday that his meeting ...': the day of the saying is not the meeting's",
        "ATHENS, June 15 - Greek Prime Minister Andreas Kalogeras said on Tuesday that his "
        "meeting with Turkish President Selim Aydin in Brussels had been constructive. The two "
        "leaders met for about an hour on Monday afternoon.",
        [{"Andreas Kalogeras", "Selim Aydin"}],
        published=dt.date(2021, 6, 15),
        checks={"date": dt.date(2021, 6, 14)},
    ),
    Case(
        "'Niger's elected President, X,': the state before an adjective and the office",
        "President Olumide Adewumi spoke with Niger's elected President, Hamidou Sani Bakoye, "
        "by telephone on July 26.",
        [{"Olumide Adewumi", "Hamidou Sani Bakoye"}],
        published=dt.date(2023, 8, 9),
        checks={"sides": {"Hamidou Sani Bakoye": "NE", "Olumide Adewumi": None}},
    ),
    Case(
        "'in the Egyptian capital': the country's capital",
        "Egyptian President Hisham Abdelhamid received Sudanese Foreign Minister Ibrahim Tayeb in "
        "the Egyptian capital on Wednesday.",
        [{"Hisham Abdelhamid", "Ibrahim Tayeb"}],
        checks={"city": "Cairo"},
    ),
]

MORE_NAMES_AND_PLACES = [
    Case(
        "'in San Antonio del Tachira': a particle inside a place name",
        "Colombian Foreign Minister Maria Cardenas Velez met her Venezuelan counterpart Hector "
        "Mata Figuera on Tuesday in San Antonio del Tachira.",
        [{"Maria Cardenas Velez", "Hector Mata Figuera"}],
        checks={"city": "San Antonio del Tachira"},
    ),
    Case(
        "'Adviser on Foreign Affairs X': an 'on' portfolio",
        "Chinese Foreign Minister Gao Zhenhua held talks in Islamabad on Monday with Pakistan's "
        "Adviser on Foreign Affairs Tariq Siddiqi.",
        [{"Gao Zhenhua", "Tariq Siddiqi"}],
        checks={"titles": {"Tariq Siddiqi": "Adviser on Foreign Affairs"}},
    ),
    Case(
        "'African Union Commission Chairperson X': the Commission is the organisation's",
        "Kenyan President Peter Wambua met African Union Commission Chairperson Ali Houmed "
        "Barkali in Addis Ababa on Monday.",
        [{"Peter Wambua", "Ali Houmed Barkali"}],
        checks={"sides": {"Ali Houmed Barkali": "AU"}},
    ),
    Case(
        "'his' after a spokeswoman's briefing goes on about the minister, not her",
        "Chinese Foreign Minister Gao Zhenhua will visit Pakistan next week, ministry "
        "spokeswoman Li Xiaomei told a regular news briefing. In his talks with Pakistani "
        "Adviser on Foreign Affairs Tariq Siddiqi, Gao is expected to discuss power plants.",
        [{"Gao Zhenhua", "Tariq Siddiqi"}],
        checks={"status": "planned"},
    ),
]

ALL = MEETING_EXPRESSIONS + PARTICIPANTS_AWAY + NAMES + ENCOUNTERS + STATUS + NOT_MEETINGS
ALL += SIDES + PLACES_AND_DATES + MORE_EXPRESSIONS + MORE_STATUS + ATTENDANCE
ALL += OFFICES_AS_INITIALS + TOPICS_OF_THE_MEETING
ALL += OBJECTS_THE_PARSE_MISPLACES + CALLS_ARE_BILATERAL + SIDES_FROM_COUNTERPARTS_AND_LISTS
ALL += ENCOUNTERS_AND_GROUPS + NAMES_PLACES_AND_OFFICES + ATTENDING_OFFICIALS
ALL += PLANS_AFTER_A_MEETING + FORMS_AND_ORGANISATIONS + SIDES_ACROSS_MEETINGS
ALL += VISITS_AND_CAPITALS + MORE_NAMES_AND_PLACES


@pytest.mark.parametrize("case", ALL, ids=[c.pattern for c in ALL])
def test_language_pattern(extractor: SpacyExtractor, case: Case) -> None:
    meetings = extract(extractor, case)
    assert [people(m) for m in meetings] == case.meetings
    if not meetings:
        return
    meeting = meetings[0]
    by_name = {p.name: p for p in meeting.participants}
    for key, want in case.checks.items():
        if key == "kind":
            assert meeting.kind == want
        elif key == "status":
            assert meeting.status == want
        elif key == "date":
            assert meeting.date == want
        elif key == "dates":
            assert [m.date for m in meetings] == want
        elif key == "statuses":
            assert [m.status for m in meetings] == want
        elif key == "last_sides":
            last = {p.name: p.country or p.org for p in meetings[-1].participants}
            assert {name: last[name] for name in want} == want  # type: ignore[attr-defined]
        elif key == "location":
            assert meeting.location == want
        elif key == "city":
            assert meeting.location is not None and meeting.location.city == want
        elif key == "cities":
            assert [m.location.city if m.location else None for m in meetings] == want
        elif key == "topics":
            assert {t.id for t in meeting.topics} >= want  # type: ignore[operator]
        elif key == "topics_exact":
            assert {t.id for t in meeting.topics} == want
        elif key == "sides":
            got = {name: by_name[name].country or by_name[name].org for name in want}  # type: ignore[attr-defined]
            assert got == want
        elif key == "roles":
            got = {name: by_name[name].role for name in want}  # type: ignore[attr-defined]
            assert got == want
        elif key == "titles":
            got = {name: by_name[name].title for name in want}  # type: ignore[attr-defined]
            assert got == want
        else:
            raise AssertionError(f"unknown check {key}")
