# Reads ExternalDNS's registry/mapper/mapper_test.go and writes its tables as JSON, from which
# ExternalDnsMapperTest's case lists were generated (each case keeps its Go test's name):
#   git -C EXTERNAL_DNS show v0.22.0:registry/mapper/mapper_test.go > mapper_test.go
#   python3 port_mapper.py mapper_test.go mapper.json
import re, json, sys
src = open(sys.argv[1]).read()
funcs = {}
for m in re.finditer(r'^func (Test\w+)\(t \*testing.T\) \{\n(.*?)^\}', src, re.S | re.M):
    funcs[m.group(1)] = m.group(2)
def blocks(body):
    # entries at two tabs
    return re.findall(r'^\t\t\{\n(.*?)^\t\t\},?$', body, re.S | re.M)
def field(b, name):
    m = re.search(r'^\s*' + name + r':\s*(.*?),?\s*$', b, re.M)
    return m.group(1) if m else None
def gostr(v):
    if v is None: return None
    v = v.strip().rstrip(',')
    m = re.match(r'endpoint\.RecordType(\w+)', v)
    if m: return m.group(1).upper()
    if v.startswith('"'): return json.loads(v)
    if v in ('true','false'): return v == 'true'
    raise Exception(v)
def mapper(v):
    m = re.match(r'NewAffixNameMapper\((".*?"), (".*?"), (".*?")\)', v.strip())
    return [json.loads(m.group(i)) for i in (1,2,3)]
out = {}
for fn, key in [('TestAffixNameMapper_ToEndpointName', ['input','wantEndpointName','wantRecordType']),
                ('TestAffixNameMapper_ToTXTName', ['dns','recordType','wantTXTName']),
                ('TestAffixNameMapper_RecordTypeInAffix', ['want']),
                ('TestToEndpointNameNewTXT', ['domain','recordType','txtDomain']),
                ('TestDropAffixExtractType_NoMatch', ['input'])]:
    rows = []
    for b in blocks(funcs[fn]):
        row = {'name': gostr(field(b,'name')), 'mapper': mapper(field(b,'mapper'))}
        for k in key: row[k] = gostr(field(b,k))
        rows.append(row)
    out[fn] = rows
# the list-style tests
out['TestDropPrefix'] = re.findall(r'^\t\t"(.*?)",$', funcs['TestDropPrefix'], re.M)
out['TestDropSuffix'] = re.findall(r'^\t\t"(.*?)",$', funcs['TestDropSuffix'], re.M)
rows=[]
for b in blocks(funcs['TestExtractRecordTypeDefaultPosition']):
    rows.append({k: gostr(field(b,k)) for k in ('input','expectedName','expectedType')})
out['TestExtractRecordTypeDefaultPosition']=rows
for k,v in out.items(): print(k, len(v), file=sys.stderr)
json.dump(out, open(sys.argv[2], 'w'), indent=1)
