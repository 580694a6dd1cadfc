import json, random, sys
random.seed(int(sys.argv[1]))
frags = ['{', '}', '[', ']', ',', ':', '"a"', '"', '\\', '\\u', '\\ud83d', '\\ude00', '00', '1', '-', '.', 'e', 'E+', '1.5', 'true', 'tru', 'null', 'nul', 'false', ' ', '\n', '\t', 'x', '"\\n"', '"é"', '\x01', '"\\x"', '1e999', '-0', '0.0e0', '"<>&"', '\u2028', '""', '{"k":', '[1,', '"\\/"']
cases = set()
while len(cases) < int(sys.argv[2]):
    cases.add("".join(random.choice(frags) for _ in range(random.randint(1, 10))))
json.dump(sorted(cases), sys.stdout, ensure_ascii=False)
