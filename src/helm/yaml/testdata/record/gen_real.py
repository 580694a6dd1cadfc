import json, random, sys
random.seed(int(sys.argv[1]))
keys = ["a", "b", "name", "image", "tag", "port", "x-y", "\"q k\"", "'s k'", "1", "true", "~", "<<", "? k"]
vals = ["1", "v", "\"s\"", "'t'", "|", "|-", "|+", ">", ">-", "[1, 2]", "{a: b}", "&x v", "*x", "null", "", "# c", "yes", "1.5", "a b c", "'a''b'", "\"a\\nb\"", "!!str 1", "-", "- a", "x: y", "[", "{", "\"unterminated", "a #b", "a#b", "@x", "`x", "%x", "!x y"]
cases = set()
while len(cases) < int(sys.argv[2]):
    lines = []
    for _ in range(random.randint(1, 8)):
        ind = " " * random.choice([0, 0, 1, 2, 2, 4, 3])
        kind = random.random()
        if kind < 0.55:
            lines.append(f"{ind}{random.choice(keys)}: {random.choice(vals)}")
        elif kind < 0.75:
            lines.append(f"{ind}- {random.choice(vals)}")
        elif kind < 0.85:
            lines.append(f"{ind}{random.choice(['text', 'more text', '  deeper', '', '#c'])}")
        elif kind < 0.9:
            lines.append(random.choice(["---", "...", "", "\t", "# comment"]))
        else:
            lines.append(f"{ind}{random.choice(keys)}:")
    cases.add("\n".join(lines) + random.choice(["", "\n", "\n\n"]))
json.dump(sorted(cases), sys.stdout, ensure_ascii=False)
