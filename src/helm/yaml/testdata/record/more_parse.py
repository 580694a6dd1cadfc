import json
c = [
 "a:\n  b: 1\n c: 2\n", "a: [1, 2", "a: {b: 1", "a: {b: 1]", "[a, b]]", "a: 'unterminated\n", "a: \"x\n", "a:\n- b\n - c\n", "a: b\n- c\n", "- a\n- b: c\n  - d\n",
 "a: |\n  text\n b: c\n", "a: >\n  folded\n  text\n\n  para\n", "a: |+\n  keep\n\n", "a: |-\n  strip\n", "a: |2\n   indented\n", "a: >-\n  x\n  y\n",
 "&a a: 1\n*a : 2\n", "a: !!str\nb: !!int\n", "? a\n? b\n", "a: b # comment\n#c: d\n", "a: b #c\nd: 'e' #f\n", "%YAML 1.1\n---\na: 1\n", "%YAML 2.0\n---\na: 1\n", "%TAG ! tag:x,2000:\n---\na: !foo 1\n",
 "a: 1\n---\n", "---\n", "...\n", "--- |\n  x\n", "- - a\n  - b\n- - c\n", "a:\n  - b:\n      c: d\n", "a: [b, {c: d}, [e]]\n", "{a: [b: c]}", "{a: b, c}", "[a: b]", "{? a : b}",
 "a: b\nc\n", "a\nb: c\n", "a: @b\n", "a: %b\n", "a: `b\n", "a: b@c\n", "a: -\n", "a: - b\n", "a: ? b\n", "a: : b\n", "a: ,b\n", "a: b,c\n", "a: [b,c,]\n", "a: {b: c,}\n",
 "'a': b\n\"c\": d\n", "'a\n  b': c\n", "a: \"line1\n  line2\"\n", "a: 'it''s'\n", "a: \"\\t\\n\\\\\\\"\\x41\\u00e9\\U0001F600\"\n", "a: \"\\q\"\n", "a: \"\\'\"\n", "a: \"\\N\\_\\L\\P\"\n",
 "a: 0777\nb: 0o777\nc: 0x_1F\nd: 1_2_3\ne: -1_000\nf: +0\ng: -0.0\nh: 1e-3\ni: 1E3\nj: 1.5e+10\nk: 6.02e23\n", "a: 1.7976931348623157e308\nb: 4.9e-324\nc: 1e-400\n",
 "a: 9223372036854775807\nb: -9223372036854775808\nc: 9223372036854775808\nd: 18446744073709551615\n", "a: 0x7FFFFFFFFFFFFFFF\nb: 0xFFFFFFFFFFFFFFFF\n",
 "a: True\nb: TRUE\nc: tRUE\nd: Yes\ne: YES\nf: yEs\ng: On\nh: ON\ni: oN\nj: Off\nk: NO\nl: No\nm: nO\n", "a: Null\nb: NULL\nc: nULL\nd: ~\ne:\n",
 "a: .Inf\nb: -.INF\nc: .NaN\n", "a: .5\nb: -.5\nc: +.5e1\nd: 5.\ne: .\n", "a: 1:20\nb: 1:20:30.5\nc: 190:20:30\n", "a: 2001-12-14t21:59:43.10-05:00\nb: 2002-12-14\nc: 2001-13-14\n",
 "日本: 語\n\"é\": ü\n", "a: \ufeffb\n", "\ufeffa: b\n", "a: b\r\nc: d\r\n", "a: b\rc: d\r", "a: \"\\u2028\"\n", "a:\u00a0b\n",
 "a: &x 1\nb: *x\nc: &x 2\nd: *x\n", "a: &x\n  b: &y [1, 2]\nc: *y\nd: *x\n", "base: &b {x: 1, y: 2}\nover:\n  <<: *b\n  y: 3\n", "over:\n  y: 3\n  <<: {x: 1, y: 2}\n",
 "a: {<<: [{x: 1}, {x: 2, y: 2}]}\n", "a: &a [1]\nb: {<<: *a}\n", "a: {'<<': {x: 1}}\n", "a: {!!merge <<: {x: 1}}\n",
 "a: !!binary |\n  aGVs\n  bG8=\n", "a: !!binary \"!!\"\n", "a: !!float 1\nb: !!float 1.5\nc: !!int 0x10\nd: !!bool true\ne: !!str true\n", "a: !!float x\n", "a: !!bool 1\n", "a: !!map {b: 1}\nb: !!seq [1]\n", "a: !<tag:yaml.org,2002:str> 1\n",
 "1: a\n2.0: b\n-3: c\n0x10: d\n1e3: e\n.5: f\nnull: g\n", "yes: a\nno: b\non: c\noff: d\n", "2001-12-14: a\n", "? - a\n  - b\n: c\n", "&k key: value\nother: *k\n",
 "a: [1, 2]: b\n", "- &a\n  - *a\n", "a:\n  # comment only\n", "a:\n\n\nb: 1\n", "   \n  \n", "# only\n# comments\n", "a: b\n...\n---\nc: d\n",
 "a: 'multi\n\n  line'\n", "a: >\n\n  leading blank\n", "a: |\n    deeper\n  shallower\n", "- |\n  x\n- >\n  y\n", "a: |\n\ttab\n", "a: b\t# tab comment\n", "a:\tb\n", "\ta: b\n",
 "a: \"\\u00\"\n", "a: \"\\uZZZZ\"\n", "a: \"\\ud800\"\n", "a: \"\\U00110000\"\n", "a: \"x\\/y\"\nb: [\n", "a: 'x'y\n", "a: \"x\"y\n", "key: value: x\n", "a: b\n  c\n", "a:\n  b\n  c: d\n",
]
json.dump(c, open('more_parse.json','w'), ensure_ascii=False)
