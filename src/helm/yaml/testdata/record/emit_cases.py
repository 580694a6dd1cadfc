import json
vals = ["true", "yes", "on", "y", "n", "1", "1.5", "", "null", "~", "1e3", "0x1F", " lead", "trail ", "a: b", "a:b", "#x", "a #b", "a#b", "- x", "-x", "@x", "`x", "*x", "&x", "!x", "|x", ">x", "%x", "'q'", "\"dq\"", "?x", "? x", ":x", ": x",
 "it's", "multi\nline", "multi\nline\n", "multi\nline\n\n", "\n", "\nlead", "trail\n ", "a \nb", "a\n b", "tab\there", "ctl\x01", "uni ü ñ 日本", "emoji 😀", "\ufeffbom", "nel\u0085x", "ls\u2028x", "nbsp\u00a0x",
 "2001-12-14", "2001-12-14T21:59:43.10-05:00", "2001-12-14 21:59:43.10", "12:30", "1:20:30", "190:20:30.15", "1_000", "0o17", "0b101", ".5", "+1", "-1", ".inf", ".nan", "<<", "=", "---", "...", "--- x", "--x",
 "a" * 100, " ".join(["word"] * 40), " ".join(["w"] * 100), "x" * 90 + " y", "a  b  " * 30, "'" + " ".join(["quoted"] * 20), ", ".join(["c"] * 60), "line1\nline2 with many words " + "w " * 50,
 "a\r\nb", "a\rb", "\\back", "1e+06", "1.0", "08", "1.5e3", "NaN", "Inf", "True", "TRUE", "tRUE", "Null", "NULL", "nULL", "off", "OFF", "Off", "oFF", "0", "-0", "00", "1__0", "_1", "1_", "0x", "0xg"]
import sys
cases = []
# each case: a YAML document read via fromYaml, then rendered with toYaml
for v in vals:
    cases.append(json.dumps({"k": v}, ensure_ascii=False))
cases += [
 '{"a": 1000000, "b": 1.5, "c": 0.000001, "d": 1e21, "e": 1e20, "f": 123456789, "g": 12345678901234567890, "h": -0.0, "i": 3.0, "j": 1e-7, "k": 0.1, "l": 100.25}',
 '{"a": [], "b": {}, "c": [[1, 2], [3]], "d": [{"x": 1, "y": [1]}, {}], "e": null, "f": [null, true]}',
 '{"b": 1, "a": 2, "a10": 1, "a9": 2, "a09": 3, "A": 4, "_": 5, "1": 6, "10": 7, "2": 8, "ä": 9, "z1": 1, "z01": 2, "z001": 3, "x-y": 1, "x_y": 2, "x.y": 3}',
 '{"' + "k" * 130 + '": 1, "' + "m" * 128 + '": 2, "multi\\nkey": 3, "": 4, "true": 5, "null": 6, "a b": 7, " lead": 8}',
 '{"nested": {"deep": {"deeper": {"list": ["a", {"b": "c"}, ["d", "e"]], "s": "x\\ny"}}}}',
 '[1, "a", {"b": [2]}]', '"just a string"', '12', 'null', '[]', '{}', '[[]]', '[{}]', '[[1,[2]]]',
 '{"l": ["multi\\nline", "x"], "m": {"k": "multi\\nline\\n"}}',
 '{"' + "k" * 60 + '": "' + " ".join(["word"] * 20) + '"}',
 '{"a": "' + "x " * 50 + '"}', '{"a": ["' + "y " * 50 + '"]}',
]
json.dump(cases, sys.stdout, ensure_ascii=False)
