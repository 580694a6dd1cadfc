import json, random, sys
random.seed(int(sys.argv[1]))
frags = ["a", "b", "key", ":", ": ", " ", "  ", "\n", "\n  ", "\n- ", "- ", "[", "]", "{", "}", ",", "'", "\"", "#", " #c", "&x ", "*x", "!!str ", "!t ", "?", "? ", "|", "|-", ">", "\t", "1", "0x1", "yes", "~", "null", "1.5", "-", "---", "...", "%YAML 1.1", "\\", "\\n", "\\/", "<<: ", "@", "`", "%", "é", "😀", "\r\n", "0o7", "+1", ".5", "1e3", "x: y", "\n  b: c", "\n-\n", ":\n", " : ", "{a: b}", "[1, 2]", "'it''s'", "\"q\\\"\"", "&a", "*a", "\n? a\n: b", "- - ", "!!int ", "!!binary ", "aGk=", "\u2028", "\x85", "\ufeff", "\x01", "\x7f"]
cases = set()
while len(cases) < int(sys.argv[2]):
    n = random.randint(1, 12)
    cases.add("".join(random.choice(frags) for _ in range(n)))
json.dump(sorted(cases), sys.stdout, ensure_ascii=False)
