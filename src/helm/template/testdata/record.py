#!/usr/bin/env python3
"""Records expected outputs of template cases with the reference helm.
Input file: blocks '#### case NAME' + template text + '#### end'. Output adds '#### want' sections."""
import os, re, subprocess, sys, tempfile, shutil
HELM = '/root/.cache/helm-reference/v4.2.4/helm'
VALUES = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'values.yaml')).read()

def run(text):
    d = tempfile.mkdtemp(prefix='rec', dir='/tmp/tt')
    os.makedirs(d + '/templates')
    open(d + '/Chart.yaml', 'w').write('apiVersion: v2\nname: x\nversion: 0.1.0\n')
    open(d + '/values.yaml', 'w').write(VALUES)
    open(d + '/templates/t.yaml', 'w').write(text + '\n#END')
    p = subprocess.run([HELM, 'template', 'x', d, '--debug'], capture_output=True, text=True,
                       env={'HOME': d, 'PATH': '/usr/bin:/bin'})
    shutil.rmtree(d)
    out = p.stdout
    m = re.search(r'# Source: x/templates/t.yaml\n(.*?)\n#END', out, re.S)
    if m:
        return m.group(1)
    err = p.stderr
    i = err.find('Error: ')
    err = err[i + 7:].rstrip('\n') if i >= 0 else err
    m = re.match(r'(\S+:\d+:\d+)\n  executing (".*?") at <(.*?)>:\n    (.*)', err, re.S)
    if m:
        return 'ERROR: template: %s: executing %s at <%s>: %s' % m.groups()
    m = re.match(r'parse error at \((.*?)\): (.*)', err, re.S)
    if m:
        return 'ERROR: template: %s: %s' % m.groups()
    return 'ERROR: ' + err

src = open(sys.argv[1]).read()
blocks = re.findall(r'#### case (.*?)\n(.*?)\n#### end\n', src, re.S)
with open(sys.argv[2], 'w') as f:
    for name, text in blocks:
        go = None
        if '\n#### go\n' in text:
            text, go = text.split('\n#### go\n')
        want = run(text) if go is None else go
        if go is not None:
            name += ' (expected text from Go; Helm shortens this parse error)'
        f.write('#### case %s\n%s\n#### want\n%s\n#### end\n' % (name, text, want))
        print(name, '->', want[:100].replace('\n', '\\n'))
