import json, random, sys
random.seed(int(sys.argv[1]))
pool = list("abcxyz019 :#-'\"\n\t.,[]{}&*!|>%@`?~é日😀\\/") + ["  ", "\n\n", " \n", "\n ", "yes", "null", "0x1", "1e3", "---", "<<", "\u2028", "\x85", "true", "1.5", "word "*8]
def rstr():
    n = random.choice([0, 1, 2, 3, 5, 8, 20, 40])
    return "".join(random.choice(pool) for _ in range(n))
def rval(d):
    r = random.random()
    if d > 3 or r < 0.45: 
        t = random.random()
        if t < 0.6: return rstr()
        if t < 0.7: return random.choice([0, 1, -5, 1000000, 123456789012, 1.5, -0.25, 1e21, 1e-7, 3.0])
        if t < 0.8: return random.choice([True, False, None])
        return rstr() * 3
    if r < 0.7: return [rval(d+1) for _ in range(random.randint(0, 4))]
    return {rstr(): rval(d+1) for _ in range(random.randint(0, 5))}
cases = []
for i in range(int(sys.argv[2])):
    cases.append(json.dumps({rstr(): rval(0) for _ in range(random.randint(1, 4))}, ensure_ascii=False))
json.dump(cases, sys.stdout, ensure_ascii=False)
