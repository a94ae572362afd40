"""The config loader: shipped files load clean, every kind of mistake is reported
with file, place and a German sentence, all at once, and a broken edit never
stops the kiosk (last good copy)."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Mapping
from datetime import date, time
from pathlib import Path

import pytest

from kiosk.config import (
    AUDIENCES,
    CONTACTS,
    LAST_GOOD_DIR,
    ConfigError,
    ConfigProblem,
    KioskConfig,
    Localized,
    load_config,
    load_config_keeping_last_good,
)

SHIPPED = Path(__file__).resolve().parent.parent / "config"
SEED_OFFERS = {
    "cafe": "Sozialraum-Café",
    "fruehstueck": "Frühstückstreff",
    "fall-im-feld": "Fall im Feld",
    "familienausflug": "Familienausflüge",
    "chamaeleon": "Kunterbuntes Chamäleon",
    "ferienspass": "Ferienfreizeitspaß",
    "gruppen": "Gruppenangebote",
    "stadtteilfest": "Stadtteilfeste",
    "jung-und-alt": "Brücke zwischen Jung und Alt",
}


@pytest.fixture
def cfg(tmp_path) -> Path:
    """A private copy of the shipped config to break."""
    target = tmp_path / "config"
    shutil.copytree(SHIPPED, target)
    return target


def edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` (must occur) once; return the 1-based line where ``new`` starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    position = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.count("\n", 0, position) + 1


def problems_of(config_dir: Path) -> list[ConfigProblem]:
    with pytest.raises(ConfigError) as info:
        load_config(config_dir)
    assert info.value.problems, "ConfigError without problems"
    return info.value.problems


def strings_in(value) -> list[str]:
    """Every string reachable in the loaded config (to look for placeholders)."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        return [s for f in dataclasses.fields(value) for s in strings_in(getattr(value, f.name))]
    if isinstance(value, Mapping):
        return [s for k, v in value.items() for s in strings_in(k) + strings_in(v)]
    if isinstance(value, (tuple, list, frozenset, set)):
        return [s for v in value for s in strings_in(v)]
    return []


# ------------------------------------------------------------- shipped config


def test_shipped_config_loads_clean_with_every_seed_offer():
    config = load_config(SHIPPED)
    assert isinstance(config, KioskConfig)
    titles = {o.id: o.title.get("de") for o in config.offers}
    for offer_id, title in SEED_OFFERS.items():
        assert offer_id in titles
        assert title in titles[offer_id]
    assert config.source_dir == str(SHIPPED)
    assert config.offer("cafe").title.get("de") == "Sozialraum-Café"
    assert config.offer("nope") is None


def test_shipped_offers_are_complete_and_plausible():
    config = load_config(SHIPPED)
    for offer in config.offers:
        assert offer.title and offer.description and offer.pictogram, offer.id
        assert set(offer.audience) <= set(AUDIENCES) and offer.audience
        assert offer.contact in CONTACTS
        assert offer.schedule.weekly or offer.schedule.dates, offer.id
        sentences = offer.description.get("de").count(".") + offer.description.get("de").count("?")
        assert 2 <= sentences <= 4, offer.id
    fall = config.offer("fall-im-feld")
    assert fall.signup and "phone" in fall.contact
    trips = config.offer("familienausflug")
    assert trips.signup and trips.capacity and trips.cost and trips.schedule.dates and not trips.schedule.weekly
    chameleon = config.offer("chamaeleon")
    assert chameleon.signup and not chameleon.children_self_signup and chameleon.audience == ("kinder",)
    assert config.offer("ferienspass").schedule.school_holidays_only
    assert config.offer("stadtteilfest").schedule.dates
    assert not config.offer("cafe").cost  # empty = free


def test_shipped_kiosk_settings():
    config = load_config(SHIPPED)
    assert config.kiosk_id == "huels-sued"
    assert config.office_name == "Stadtteilbüro Hüls-Süd"
    assert config.tagline.get("de") == "Wo Nachbarschaft noch zählt."
    assert config.tagline.get("en") and config.tagline.get("ru") == config.tagline.get("de")
    assert config.languages == ("de", "en", "tr", "uk", "ar") and config.default_language == "de"
    assert config.founded == ""  # unknown in the seed: left empty, never "???"
    assert config.feedback_scale in (3, 5)
    assert 8 <= len(config.wish_topics) <= 10
    assert config.topic("sport") is not None and config.topic("sport").pictogram
    assert len(config.about_principles) == 5
    assert "Willen" in config.about_principles[0].get("de")
    roles = " ".join(r.get("de") for r in config.about_roles)
    for role in ("Netzwerker", "Offenes Haus", "Bei den Menschen", "Brücke zwischen Jung und Alt"):
        assert role in roles
    assert config.consent_version and config.consent_text
    assert config.sync_public_key == "" and config.sync_phone_lists is True
    assert config.data_dir == ""
    assert set(config.opening_hours) == set(range(7)) and config.opening_hours[6] == ()
    assert (date(2026, 10, 17), date(2026, 10, 31)) in config.school_holidays
    assert (date(2026, 12, 23), date(2027, 1, 6)) in config.school_holidays


def test_shipped_config_has_no_placeholders_anywhere():
    config = load_config(SHIPPED)
    texts = strings_in(config)
    assert len(texts) > 100
    assert not [t for t in texts if "??" in t]


def test_shipped_config_is_hashable_and_equal_when_reloaded():
    assert load_config(SHIPPED) == load_config(SHIPPED)
    assert hash(load_config(SHIPPED)) == hash(load_config(SHIPPED))


def test_package_defaults_are_the_same_files():
    defaults = Path(__file__).resolve().parent.parent / "kiosk" / "defaults"
    for name in ("kiosk.toml", "offers.toml"):
        assert (defaults / name).read_bytes() == (SHIPPED / name).read_bytes()


# ------------------------------------------------------------- syntax and files


def test_syntax_error_names_file_line_and_column(cfg):
    line = edit(cfg / "offers.toml", 'room = "Kinderraum"', "room = Kinderraum")
    [problem] = problems_of(cfg)
    assert problem.file == str(cfg / "offers.toml")
    assert (problem.line, problem.column) == (line, 8)
    assert "Anführungszeichen" in problem.message
    assert str(problem).startswith(f"{cfg / 'offers.toml'}, Zeile {line}, Spalte 8: ")


def test_syntax_error_at_end_of_document_still_gets_a_line(cfg):
    path = cfg / "kiosk.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[about]\nintro = """nie geschlossen\n', encoding="utf-8")
    [problem] = problems_of(cfg)
    assert problem.line is not None and problem.line > 300
    assert problem.file.endswith("kiosk.toml")


def test_syntax_errors_in_both_files_are_both_reported(cfg):
    edit(cfg / "kiosk.toml", 'kiosk_id = "huels-sued"', 'kiosk_id "huels-sued"')
    edit(cfg / "offers.toml", 'id = "cafe"', 'id = "cafe')
    problems = problems_of(cfg)
    assert {Path(p.file).name for p in problems} == {"kiosk.toml", "offers.toml"}
    assert all(p.line and p.column for p in problems)
    assert any("'='" in p.message for p in problems)


def test_missing_files(cfg, tmp_path):
    (cfg / "offers.toml").unlink()
    [problem] = problems_of(cfg)
    assert problem.file == str(cfg / "offers.toml") and "fehlt" in problem.message
    problems = problems_of(tmp_path / "does-not-exist")
    assert len(problems) == 2 and all("fehlt" in p.message for p in problems)


def test_non_utf8_file(cfg):
    path = cfg / "offers.toml"
    raw = path.read_bytes()
    marker = 'title = "Frühstückstreff"'.encode()
    line = raw[: raw.index(marker)].count(b"\n") + 1
    path.write_bytes(raw.replace(marker, 'title = "Frühstückstreff"'.encode("latin-1")))
    [problem] = problems_of(cfg)
    assert "UTF-8" in problem.message
    assert (problem.line, problem.column) == (line, 12)


def test_utf8_with_bom_is_accepted(cfg):
    path = cfg / "kiosk.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_config(cfg).kiosk_id == "huels-sued"


def test_unreadable_file(cfg, monkeypatch):
    real = Path.read_bytes

    def guarded(self):
        if self.name == "kiosk.toml":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    [problem] = problems_of(cfg)
    assert problem.file.endswith("kiosk.toml") and "Berechtigung" in problem.message


# ------------------------------------------------------------- semantic mistakes

# (file, old, new, where-fragment, message-fragment)
SEMANTIC = [
    ("offers.toml", "capacity = 15 ", "capcity = 15 ", "Angebot 'chamaeleon', Schlüssel 'capcity'", "'capacity'"),
    ("offers.toml", "capacity = 15 ", 'capacity = "15" ', "Angebot 'chamaeleon', Schlüssel 'capacity'",
     "muss eine ganze Zahl ab 1 sein"),
    ("offers.toml", "capacity = 15 ", "capacity = 0 ", "Schlüssel 'capacity'", "ganze Zahl ab 1"),
    ("offers.toml", "capacity = 15 ", "capacity = true ", "Schlüssel 'capacity'", "ganze Zahl ab 1"),
    ("offers.toml", "signup = false", 'signup = "nein"', "Angebot 'cafe', Schlüssel 'signup'", "true"),
    ("offers.toml", '"mo 15:00-17:00"', '"mo 25:00-17:00"', "Angebot 'chamaeleon', Schlüssel 'weekly' (Eintrag 1)",
     "'25:00'"),
    ("offers.toml", '"mo 15:00-17:00"', '"mo 17:00-15:00"', "Schlüssel 'weekly' (Eintrag 1)",
     "liegt nicht nach dem Beginn"),
    ("offers.toml", '"mo 15:00-17:00"', '"montg 15:00-17:00"', "Schlüssel 'weekly'", "kein Wochentag"),
    ("offers.toml", '"mo 15:00-17:00"', '"mi 16:00-17:00"', "Schlüssel 'weekly' (Eintrag 2)", "doppelt"),
    ("offers.toml", '"2026-07-25 09:00-17:00"', '"2026-02-30 09:00-17:00"',
     "Angebot 'familienausflug', Schlüssel 'dates' (Eintrag 2)", "kein gültiges Datum"),
    ("offers.toml", '"2026-07-25 09:00-17:00"', '"2026-05-30 10:00-12:00"', "Schlüssel 'dates' (Eintrag 2)", "doppelt"),
    ("offers.toml", 'audience = ["kinder"]', 'audience = ["kids"]', "Schlüssel 'audience'", "'kids'"),
    ("offers.toml", 'contact = "phone_or_email"', 'contact = "fax"', "Angebot 'familienausflug', Schlüssel 'contact'",
     "'fax'"),
    ("offers.toml", 'id = "gruppen"', 'id = "cafe"', "Angebot 'cafe', Schlüssel 'id'", "gibt es schon"),
    ("offers.toml", 'id = "gruppen"', 'id = "Gruppen Angebot"', "Schlüssel 'id'", "Kleinbuchstaben"),
    ("offers.toml", 'id = "gruppen"\n', "", "Angebot Nr. 7, Schlüssel 'id'", "fehlt"),
    ("offers.toml", 'title = "Gruppenangebote"\n', "", "Angebot 'gruppen', Schlüssel 'title'", "fehlt"),
    ("offers.toml", 'pictogram = "group"', 'pictogram = "Gruppe mit Umlaut ä"', "Schlüssel 'pictogram'", "Bildname"),
    ("offers.toml", 'title_en = "Holiday fun"', 'title_fr = "Vacances"', "Schlüssel 'title_fr'",
     "nicht eingeschaltet"),
    ("offers.toml", 'title_en = "Holiday fun"', 'title_de = "Ferienspaß"', "Schlüssel 'title_de'", "ohne Kürzel"),
    ("offers.toml", "school_holidays_only = true", 'school_holidays_only = true\nvalid_from = 2027-01-01\n'
     "valid_until = 2026-01-01", "Angebot 'ferienspass', Schlüssel 'valid_until'", "liegt vor valid_from"),
    ("offers.toml", "school_holidays_only = true", "school_holidays_only = true\nexceptions = [2026-13-01]",
     "", "Datum"),  # a month 13 is a TOML syntax error: still a clear problem
    ("offers.toml", "school_holidays_only = true", 'school_holidays_only = true\nexceptions = ["13.13.2026"]',
     "Schlüssel 'exceptions' (Eintrag 1)", "kein gültiges Datum"),
    ("offers.toml", 'weekly = ["di 14:00-16:00", "fr 13:00-15:00"]', "", "Angebot 'jung-und-alt'",
     "Es fehlen die Termine"),
    ("offers.toml", 'room = "Kinderraum"', 'room = "Raum ???"', "Schlüssel 'room'", "Platzhalter"),
    ("kiosk.toml", 'default_language = "de"', 'default_language = "fr"', "Schlüssel 'default_language'",
     "steht nicht in languages"),
    ("kiosk.toml", 'languages = ["de", "en", "tr", "uk", "ar"]', 'languages = ["en", "tr"]', "Schlüssel 'languages'",
     '"de"'),
    ("kiosk.toml", "scale = 3", "scale = 4", "Abschnitt [feedback], Schlüssel 'scale'", "3 oder 5"),
    ("kiosk.toml", "idle_reset_seconds = 60", "idle_reset_seconds = -1", "Abschnitt [screen], Schlüssel "
     "'idle_reset_seconds'", "ganze Zahl"),
    ("kiosk.toml", "attract_seconds = 180", "attract_seconds = 30", "Schlüssel 'attract_seconds'", "idle_reset_seconds"),
    ("kiosk.toml", 'fr = ["09:00-15:00"]', 'fr = ["09:00-25:00"]', "Abschnitt [opening_hours], Schlüssel 'fr' "
     "(Eintrag 1)", "'25:00'"),
    ("kiosk.toml", 'fr = ["09:00-15:00"]', 'fr = ["9 bis 15 Uhr"]', "Schlüssel 'fr'", "keine gültige Uhrzeit"),
    ("kiosk.toml", 'fr = ["09:00-15:00"]', 'fr = ["09:00-13:00", "12:00-15:00"]', "Schlüssel 'fr'", "überschneiden"),
    ("kiosk.toml", 'so = []', 'so = []\nsu = []', "Abschnitt [opening_hours], Schlüssel 'su'", "Unbekannter Name"),
    ("kiosk.toml", 'founded = ""', 'founded = "seit ???"', "Abschnitt [office], Schlüssel 'founded'", "Platzhalter"),
    ("kiosk.toml", '{ from = 2026-10-17, to = 2026-10-31, note = "Herbstferien 2026" }',
     '{ from = 2026-10-31, to = 2026-10-17, note = "Herbstferien 2026" }',
     "Abschnitt [school_holidays], Schlüssel 'ranges' (Eintrag 5)", "liegt vor dem ersten"),
    ("kiosk.toml", '{ from = 2027-05-01, note = "Tag der Arbeit" }', '{ form = 2027-05-01 }',
     "Abschnitt [closing_days], Schlüssel 'ranges' (Eintrag 14)", "form"),
    ("kiosk.toml", '"Bereichs- und zielgruppenübergreifender Ansatz – für Kinder, Jugendliche, Familien und Ältere '
     'gemeinsam.",\n', "", "Abschnitt [about], Schlüssel 'principles'", "genau 5"),
    ("kiosk.toml", 'id = "kultur"', 'id = "sport"', "Wunschthema 'sport', Schlüssel 'id'", "gibt es schon"),
    ("kiosk.toml", 'label = "Ausflüge"', 'lable = "Ausflüge"', "Wunschthema 'ausfluege', Schlüssel 'lable'",
     "Gemeint ist wohl 'label'"),  # and, separately, "label fehlt"
    ("kiosk.toml", 'version = "2026-01"', 'version = ""', "Abschnitt [consent], Schlüssel 'version'", "nicht leer"),
    ("kiosk.toml", "days_after_occurrence = 30", "days_after_occurrence = 3000", "Abschnitt [retention]", "0 bis 365"),
    ("kiosk.toml", "phone_lists = true", 'phone_lists = "ja"', "Abschnitt [sync], Schlüssel 'phone_lists'", "true"),
    ("kiosk.toml", 'kiosk_id = "huels-sued"', 'kiosk_id = "Hüls Süd"', "Schlüssel 'kiosk_id'", "Kleinbuchstaben"),
    ("kiosk.toml", "[screen]", "[screeen]", "", "'screen'"),
]


@pytest.mark.parametrize("file, old, new, where, message", SEMANTIC, ids=[f"{s[0]}:{s[2][:30]}" for s in SEMANTIC])
def test_each_kind_of_mistake_is_reported_in_place(cfg, file, old, new, where, message):
    edit(cfg / file, old, new)
    problems = problems_of(cfg)
    # A German list entry removed: every translated list (principles_en, …) is now
    # longer than the German one, and that is reported too (all problems at once).
    problems = [p for p in problems if not ("'principles'" in where and "'principles_" in p.where)]
    assert len(problems) == (2 if "lable" in new else 1), [str(p) for p in problems]
    [problem] = [p for p in problems if where in p.where]
    assert problem.file == str(cfg / file)
    assert where in problem.where, str(problem)
    assert message in problem.message or message in str(problem), str(problem)
    assert problem.line is not None, str(problem)
    text = str(problem)
    assert text.startswith(f"{cfg / file}, Zeile {problem.line}")
    assert "???" not in problem.message or "Platzhalter" in problem.message


def test_semantic_problems_point_at_the_right_line(cfg):
    offers = cfg / "offers.toml"
    capacity_line = edit(offers, "capacity = 15 ", 'capacity = "viele" ')
    dates_line = edit(offers, '"2026-08-22 09:00-17:00"', '"2026-08-22 19:00-17:00"')
    scale_line = edit(cfg / "kiosk.toml", "scale = 3", "scale = 7")
    lines = {p.where: p.line for p in problems_of(cfg)}
    assert lines["Angebot 'chamaeleon', Schlüssel 'capacity'"] == capacity_line
    assert lines["Angebot 'familienausflug', Schlüssel 'dates' (Eintrag 3)"] == dates_line
    assert lines["Abschnitt [feedback], Schlüssel 'scale'"] == scale_line


def test_all_problems_are_reported_together(cfg):
    offers, kiosk = cfg / "offers.toml", cfg / "kiosk.toml"
    edit(offers, "capacity = 4 ", "capcity = 4 ")
    edit(offers, "capacity = 15 ", "capacity = -3 ")
    edit(offers, '"mi 15:00-17:00"', '"mi 15:00-25:00"')
    edit(offers, 'contact = "phone_or_email"', 'contact = "brieftaube"')
    edit(offers, 'id = "gruppen"', 'id = "cafe"')
    edit(kiosk, "scale = 3", "scale = 2")
    edit(kiosk, 'default_language = "de"', 'default_language = "xx"')
    problems = problems_of(cfg)
    assert len(problems) == 7, "\n".join(map(str, problems))
    joined = "\n".join(map(str, problems))
    for fragment in ("'capcity'", "'capacity'", "'25:00'", "'brieftaube'", "gibt es schon", "3 oder 5", "'xx'"):
        assert fragment in joined
    assert {Path(p.file).name for p in problems} == {"offers.toml", "kiosk.toml"}
    assert str(ConfigError(problems)).count("\n") == 6


def test_offers_still_checked_when_kiosk_toml_is_broken(cfg):
    edit(cfg / "kiosk.toml", "[office]", "[office")
    edit(cfg / "offers.toml", "capacity = 15 ", "capacity = 1.5 ")
    problems = problems_of(cfg)
    assert len(problems) == 2
    assert any(p.where == "Angebot 'chamaeleon', Schlüssel 'capacity'" for p in problems)


def test_holiday_offer_without_holidays_is_reported(cfg):
    kiosk = cfg / "kiosk.toml"
    text = kiosk.read_text(encoding="utf-8")
    start = text.index("[school_holidays]")
    end = text.index("[screen]")
    kiosk.write_text(text[:start] + text[end:], encoding="utf-8")
    [problem] = problems_of(cfg)
    assert problem.where == "Angebot 'ferienspass', Schlüssel 'school_holidays_only'"


def test_lenient_spellings_are_accepted(cfg):
    offers = cfg / "offers.toml"
    edit(offers, '"mo 15:00-17:00", "mi 15:00-17:00"',
         '{ weekday = "Montag", start = "15:00", end = "17:00" }, "mi 15.00 – 17.00"')
    edit(offers, '"2026-05-30 09:00-17:00"', '"30.05.2026 9:00-17:00"')
    edit(cfg / "kiosk.toml", 'founded = ""', "founded = 2015")
    config = load_config(cfg)
    weekly = config.offer("chamaeleon").schedule.weekly
    assert [(r.weekday, r.start, r.end) for r in weekly] == [(0, time(15), time(17)), (2, time(15), time(17))]
    assert config.offer("familienausflug").schedule.dates[0].day == date(2026, 5, 30)
    assert config.founded == "2015"


def test_multiline_text_is_joined_into_paragraphs():
    config = load_config(SHIPPED)
    intro = config.about_intro.get("de")
    assert "\n\n" in intro and "Marl. Die Ev." in intro
    assert not intro.startswith("\n") and "\n" not in intro.split("\n\n")[0]


# ------------------------------------------------------------- small types


def test_localized_falls_back_to_german():
    text = Localized.of("Hallo", en="Hello", tr="")
    assert text.get("en") == "Hello"
    assert text.get("tr") == "Hallo"  # empty translation → German
    assert text.get("ar") == "Hallo"
    assert bool(text) and not Localized.of("")
    assert Localized.of("").get("en") == ""
    assert hash(Localized.of("a", en="b")) == hash(Localized.of("a", en="b"))


def test_problem_text_format():
    assert str(ConfigProblem("config/offers.toml", "kaputt", 12, 5)) == "config/offers.toml, Zeile 12, Spalte 5: kaputt"
    assert (str(ConfigProblem("config/offers.toml", "muss eine ganze Zahl ab 1 sein", 40, None,
                              "Angebot 'cafe', Schlüssel 'capacity'"))
            == "config/offers.toml, Zeile 40: Angebot 'cafe', Schlüssel 'capacity': muss eine ganze Zahl ab 1 sein")
    assert str(ConfigProblem("config/kiosk.toml", "Die Datei fehlt.")) == "config/kiosk.toml: Die Datei fehlt."


# ------------------------------------------------------------- last good copy


def test_good_load_keeps_a_copy(cfg, tmp_path):
    data = tmp_path / "data"
    config, problems = load_config_keeping_last_good(cfg, data)
    assert problems == [] and config.source_dir == str(cfg)
    for name in ("kiosk.toml", "offers.toml"):
        assert (data / LAST_GOOD_DIR / name).read_bytes() == (cfg / name).read_bytes()
    assert not list((data / LAST_GOOD_DIR).glob(".*tmp"))


def test_broken_config_falls_back_to_last_good(cfg, tmp_path):
    data = tmp_path / "data"
    good, _ = load_config_keeping_last_good(cfg, data)
    edit(cfg / "offers.toml", 'title = "Sozialraum-Café"', 'title = "Neues Café"')
    renamed, problems = load_config_keeping_last_good(cfg, data)
    assert problems == [] and renamed.offer("cafe").title.get("de") == "Neues Café"

    edit(cfg / "offers.toml", "capacity = 15 ", "capcity = 15 ")
    config, problems = load_config_keeping_last_good(cfg, data)
    assert config.offer("cafe").title.get("de") == "Neues Café"  # the last GOOD one, not the first
    assert config.offer("chamaeleon").capacity == 15
    assert config.source_dir == str(data / LAST_GOOD_DIR)
    assert [p.where for p in problems] == ["Angebot 'chamaeleon', Schlüssel 'capcity'"]
    assert problems[0].file == str(cfg / "offers.toml")
    # the broken edit did not overwrite the good copy
    assert b"capcity" not in (data / LAST_GOOD_DIR / "offers.toml").read_bytes()
    assert good.offer("chamaeleon") == config.offer("chamaeleon")


def test_no_good_copy_raises(cfg, tmp_path):
    edit(cfg / "kiosk.toml", "scale = 3", "scale = 9")
    with pytest.raises(ConfigError) as info:
        load_config_keeping_last_good(cfg, tmp_path / "data")
    assert [p.where for p in info.value.problems] == ["Abschnitt [feedback], Schlüssel 'scale'"]
    assert not (tmp_path / "data" / LAST_GOOD_DIR / "kiosk.toml").exists()


def test_corrupt_good_copy_raises_current_problems(cfg, tmp_path):
    data = tmp_path / "data"
    load_config_keeping_last_good(cfg, data)
    (data / LAST_GOOD_DIR / "offers.toml").write_text("[[offers]\n", encoding="utf-8")
    (cfg / "offers.toml").unlink()
    with pytest.raises(ConfigError) as info:
        load_config_keeping_last_good(cfg, data)
    [problem] = info.value.problems
    assert problem.file == str(cfg / "offers.toml") and "fehlt" in problem.message


def test_failing_copy_does_not_stop_a_good_config(cfg, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / LAST_GOOD_DIR).write_text("a file where the folder should be", encoding="utf-8")
    config, problems = load_config_keeping_last_good(cfg, data)
    assert problems == [] and config.kiosk_id == "huels-sued"
