"""Grammar-based generator of random Cedar policy sets, entity stores and requests.

Everything is drawn from one `random.Random`, so a seed reproduces a run exactly. The output is mostly
well-typed, with a steady share of ill-typed, missing-attribute, overflowing and malformed-literal cases, so
both the happy paths and the error paths of an engine are exercised.
"""

import json
import random

TYPES = ["User", "Group", "Doc", "Folder", "Ns::Agent"]
ACTIONS = ["read", "write", "delete", "share", "admin"]
ACTION_GROUPS = ["readers", "editors", "all"]
IDS = [
    "alice", "bob", "carol", "dave", "", "ünïcødé", "日本語", "emoji😀", 'q"uote', "back\\slash", "nl\nx",
    "tab\tx", "star*", "a b", "nul\0x", "Z", "\u00e9", "e\u0301",
]
ATTRS = ["age", "name", "tags", "owner", "level", "profile", "addr", "amount", "when", "ttl", "flag", "n"]
TAG_KEYS = ["role", "k1", "k 2", "\u00e9", "e\u0301"]
RECORD_KEYS = ["city", "score", "x", "inner", "a b"]
STRINGS = [
    "", "a", "abc", "Hello", "hello world", "ünïcødé", "日本語", "😀", "a*b", 'say "hi"', "back\\", "line\nbreak",
    "tab\t", "\0", "AbC", "zzz", "*", "**", "\u00e9", "e\u0301",
]
DECIMALS = ["0.0", "1.5", "-1.5", "1.2345", "922337203685477.5807", "-922337203685477.5808", "12.3", "0.0001"]
BAD_DECIMALS = [
    "1.23456", "abc", "1", ".5", "1.", "922337203685477.5808", "--1.0", "",
]
IPS = [
    "10.0.0.1", "10.0.0.0/8", "192.168.1.7", "127.0.0.1", "::1", "ff02::1", "224.0.0.1", "2001:db8::/32",
    "0.0.0.0/0", "10.1.2.3/32", "::",
]
BAD_IPS = ["::ffff:10.0.0.1", "fe80::1%eth0", "1.2.3", "10.0.0.1/33", "::/129", "256.1.1.1", "hello", "", "01.2.3.4", "1.2.3.4/08"]
DATETIMES = [
    "2024-01-01", "2024-01-01T12:30:45Z", "2024-06-15T08:00:00.123Z", "2024-01-01T00:00:00+0130",
    "1969-12-31T23:59:59Z", "2000-02-29", "2024-03-10T23:00:00-0500", "0001-01-01",
]
BAD_DATETIMES = [
    "2024-13-01", "2024-1-1", "2024-01-01T25:00:00Z", "yesterday", "2024-02-30", "2024-01-01T00:00:00",
]
DURATIONS = ["1h", "-2d", "1d2h3m4s5ms", "90m", "0ms", "-1ms", "36h", "1s"]
BAD_DURATIONS = ["1x", "h", "", "1h1d", "1.5h", "9223372036854775807d"]
LONGS = [0, 1, -1, 2, 7, 10, 42, 100, -100, 2**31, 2**62, 9223372036854775807, -9223372036854775808]

# Expression precedence levels: a sub-expression below the level its position needs gets parentheses.
IF, OR, AND, REL, ADD, MUL, UNARY, MEMBER, PRIMARY = range(9)


def cedar_string(r, text):
    """A Cedar string literal for `text`, with a random mix of raw characters and escapes."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in "\n\t\r\0":
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}[ch])
        elif code < 0x20 or code == 0x7F:
            out.append("\\u{%x}" % code)
        elif code > 0x7F and r.random() < 0.3:
            out.append("\\u{%x}" % code)
        elif ch == "'" and r.random() < 0.5:
            out.append("\\'")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


class Expr:
    """Rendered text plus its precedence level."""

    def __init__(self, text, level):
        self.text = text
        self.level = level


class Generator:
    """Draws policy sets, entity stores and requests from one random source."""

    def __init__(self, seed):
        self.r = random.Random(seed)
        self.keys = []  # (type, id) of the entities in the current store

    # -- helpers -------------------------------------------------------------------------------------------

    def chance(self, p):
        return self.r.random() < p

    def pick(self, items):
        return self.r.choice(items)

    def wrap(self, expr, level):
        if expr.level < level or self.chance(0.08):
            return "(" + expr.text + ")"
        return expr.text

    def string_lit(self, text=None):
        return cedar_string(self.r, self.pick(STRINGS) if text is None else text)

    def uid_lit(self, type_name=None):
        """An entity literal, usually one in the current store so scopes and `in` tests can match."""
        if self.keys and self.chance(0.6):
            candidates = [key for key in self.keys if type_name in (None, key[0])] or self.keys
            type_name, entity_id = self.pick(candidates)
            return Expr(type_name + "::" + cedar_string(self.r, entity_id), PRIMARY)
        type_name = type_name or self.pick(TYPES)
        return Expr(type_name + "::" + cedar_string(self.r, self.pick(IDS)), PRIMARY)

    def action_lit(self, group=False):
        name = self.pick(ACTION_GROUPS if group else ACTIONS)
        return Expr('Action::"%s"' % name, PRIMARY)

    # -- expressions ---------------------------------------------------------------------------------------

    def expr(self, kind, depth):
        """An expression meant to have type `kind`; sometimes deliberately another type."""
        if self.chance(0.05):
            kind = self.pick(["bool", "long", "string", "set", "record", "entity", "ext"])
        if depth <= 0 or self.chance(0.25):
            return self.leaf(kind)
        maker = {
            "bool": self.bool_expr, "long": self.long_expr, "string": self.string_expr, "set": self.set_expr,
            "record": self.record_expr, "entity": self.entity_expr, "ext": self.ext_expr,
        }[kind]
        if self.chance(0.07):
            return self.if_expr(kind, depth)
        return maker(depth - 1)

    def leaf(self, kind):
        if self.chance(0.4):
            return self.access(kind)
        return self.literal(kind)

    def literal(self, kind):
        if kind == "bool":
            return Expr(self.pick(["true", "false"]), PRIMARY)
        if kind == "long":
            value = self.pick(LONGS) if self.chance(0.5) else self.r.randint(-20, 20)
            if self.chance(0.01):
                value = 9223372036854775808
            return Expr(str(value), PRIMARY if value >= 0 else UNARY)
        if kind == "string":
            return Expr(self.string_lit(), PRIMARY)
        if kind == "set":
            items = [self.leaf(self.pick(["long", "string", "entity"])) for _ in range(self.r.randint(0, 3))]
            return Expr("[" + ", ".join(i.text for i in items) + "]", PRIMARY)
        if kind == "record":
            return self.record_expr(0)
        if kind == "entity":
            return self.uid_lit()
        return self.ext_constructor()

    def access(self, kind):
        """Attribute access on a request variable, possibly to a missing or mistyped attribute."""
        root = self.pick(["principal", "resource", "context", "context", "action", "literal"])
        if root == "literal":
            root = self.uid_lit().text
        attr = self.pick(ATTRS)
        if self.chance(0.1):
            return Expr(root, PRIMARY)
        text = root + ("." + attr if self.chance(0.85) else '["' + attr + '"]')
        if attr in ("profile", "addr") and self.chance(0.5):
            key = self.pick(RECORD_KEYS)
            text += "." + key if " " not in key else "[" + cedar_string(self.r, key) + "]"
        return Expr(text, MEMBER)

    def if_expr(self, kind, depth):
        cond = self.expr("bool", depth - 1)
        then = self.expr(kind, depth - 1)
        other = self.expr(kind, depth - 1)
        return Expr("if %s then %s else %s" % (cond.text, then.text, other.text), IF)

    def bool_expr(self, depth):
        choice = self.r.randint(0, 17)
        if choice == 0:
            op = self.pick(["&&", "||"])
            level = AND if op == "&&" else OR
            left, right = self.expr("bool", depth), self.expr("bool", depth)
            return Expr("%s %s %s" % (self.wrap(left, level), op, self.wrap(right, level + 1)), level)
        if choice == 1:
            return Expr("!" + self.wrap(self.expr("bool", depth), MEMBER), UNARY)
        if choice == 2:
            kind = self.pick(["long", "string", "entity", "set", "record", "ext", "bool"])
            op = self.pick(["==", "!="])
            return self.relation(self.expr(kind, depth), op, self.expr(kind, depth))
        if choice == 3:
            kind = self.pick(["long", "long", "long", "ext"])
            op = self.pick(["<", "<=", ">", ">="])
            return self.relation(self.expr(kind, depth), op, self.expr(kind, depth))
        if choice == 4:
            return self.has_expr(depth)
        if choice == 5:
            return self.like_expr(depth)
        if choice == 6:
            right = self.expr("entity", depth) if self.chance(0.7) else self.entity_set(depth)
            return self.relation(self.expr("entity", depth), "in", right)
        if choice == 7:
            return self.is_expr(depth)
        if choice in (8, 9):
            return self.set_method(depth)
        if choice == 10:
            return self.tag_expr(depth, "hasTag")
        if choice in (11, 12):
            return self.ext_predicate(depth)
        if choice == 13:
            return self.access("bool")
        if choice == 14:
            # A guarded access: short-circuiting must keep the right side from erroring.
            root = self.pick(["principal", "resource", "context"])
            attr = self.pick(ATTRS)
            op, guard = self.pick([("&&", "%s has %s"), ("||", "!(%s has %s)")])
            right = self.relation(Expr("%s.%s" % (root, attr), MEMBER), self.pick(["==", "!="]),
                                  self.literal(self.pick(["long", "string", "bool"])))
            level = AND if op == "&&" else OR
            return Expr("%s %s %s" % (guard % (root, attr), op, self.wrap(right, level + 1)), level)
        return self.leaf("bool")

    def relation(self, left, op, right):
        return Expr("%s %s %s" % (self.wrap(left, ADD), op, self.wrap(right, ADD)), REL)

    def has_expr(self, depth):
        target = self.pick([self.access("record"), Expr(self.pick(["principal", "resource", "context"]), PRIMARY),
                            self.expr("record", depth)])
        attr = self.pick(ATTRS + RECORD_KEYS)
        if " " in attr or self.chance(0.1):
            name = cedar_string(self.r, attr)
        else:
            name = attr
            if self.chance(0.3):
                name += "." + ".".join(self.pick(RECORD_KEYS[:4]) for _ in range(self.r.randint(1, 2)))
        return Expr("%s has %s" % (self.wrap(target, ADD), name), REL)

    def like_expr(self, depth):
        base = self.pick(STRINGS + IDS)
        pattern = []
        for ch in base:
            roll = self.r.random()
            if roll < 0.15:
                pattern.append("*")
            elif ch == "*":
                pattern.append("\\*")
            else:
                pattern.append(cedar_string(self.r, ch)[1:-1])
            if roll > 0.95:
                pattern.append("*")
        if self.chance(0.2):
            pattern.insert(0, "*")
        target = self.expr("string", depth) if self.chance(0.7) else self.access("string")
        return Expr('%s like "%s"' % (self.wrap(target, ADD), "".join(pattern)), REL)

    def is_expr(self, depth):
        target = self.expr("entity", depth)
        text = "%s is %s" % (self.wrap(target, ADD), self.pick(TYPES))
        if self.chance(0.4):
            text += " in " + self.wrap(self.expr("entity", depth), ADD)
        return Expr(text, REL)

    def set_method(self, depth):
        receiver = self.wrap(self.expr("set", depth), MEMBER)
        method = self.pick(["contains", "containsAll", "containsAny", "isEmpty"])
        if method == "isEmpty":
            return Expr(receiver + ".isEmpty()", MEMBER)
        arg_kind = self.pick(["long", "string", "entity"]) if method == "contains" else "set"
        return Expr("%s.%s(%s)" % (receiver, method, self.expr(arg_kind, depth).text), MEMBER)

    def tag_expr(self, depth, method):
        receiver = self.wrap(self.expr("entity", depth), MEMBER)
        key = self.string_lit(self.pick(TAG_KEYS)) if self.chance(0.85) else self.expr("string", depth).text
        return Expr("%s.%s(%s)" % (receiver, method, key), MEMBER)

    def long_expr(self, depth):
        choice = self.r.randint(0, 6)
        if choice == 0:
            op = self.pick(["+", "-"])
            left, right = self.expr("long", depth), self.expr("long", depth)
            return Expr("%s %s %s" % (self.wrap(left, ADD), op, self.wrap(right, MUL)), ADD)
        if choice == 1:
            left, right = self.expr("long", depth), self.expr("long", depth)
            return Expr("%s * %s" % (self.wrap(left, MUL), self.wrap(right, UNARY)), MUL)
        if choice == 2:
            return Expr("-" + self.wrap(self.expr("long", depth), MEMBER), UNARY)
        if choice == 3:
            method = self.pick(["toMilliseconds", "toSeconds", "toMinutes", "toHours", "toDays"])
            return Expr("%s.%s()" % (self.wrap(self.duration_value(depth), MEMBER), method), MEMBER)
        if choice == 4:
            return self.tag_expr(depth, "getTag")
        return self.leaf("long")

    def string_expr(self, depth):
        if self.chance(0.3):
            return self.tag_expr(depth, "getTag")
        return self.leaf("string")

    def set_expr(self, depth):
        if self.chance(0.3):
            return self.access("set")
        kind = self.pick(["long", "string", "entity", "bool"])
        items = [self.expr(kind, depth) for _ in range(self.r.randint(0, 4))]
        return Expr("[" + ", ".join(i.text for i in items) + "]", PRIMARY)

    def entity_set(self, depth):
        items = [self.expr("entity", depth) for _ in range(self.r.randint(0, 3))]
        return Expr("[" + ", ".join(i.text for i in items) + "]", PRIMARY)

    def record_expr(self, depth):
        fields = []
        for key in self.r.sample(RECORD_KEYS, self.r.randint(0, 3)):
            name = key if " " not in key and self.chance(0.6) else cedar_string(self.r, key)
            kind = self.pick(["long", "string", "bool", "record" if depth > 0 else "long"])
            fields.append("%s: %s" % (name, self.expr(kind, depth - 1).text))
        return Expr("{" + ", ".join(fields) + "}", PRIMARY)

    def entity_expr(self, depth):
        choice = self.r.randint(0, 3)
        if choice == 0:
            return Expr(self.pick(["principal", "resource", "action"]), PRIMARY)
        if choice == 1:
            return Expr(self.pick(["principal", "resource", "context"]) + ".owner", MEMBER)
        return self.uid_lit()

    # -- extensions ----------------------------------------------------------------------------------------

    def ext_constructor(self, family=None):
        family = family or self.pick(["decimal", "ip", "datetime", "duration"])
        good, bad = {
            "decimal": (DECIMALS, BAD_DECIMALS), "ip": (IPS, BAD_IPS),
            "datetime": (DATETIMES, BAD_DATETIMES), "duration": (DURATIONS, BAD_DURATIONS),
        }[family]
        literal = self.pick(bad) if self.chance(0.06) else self.pick(good)
        return Expr('%s("%s")' % (family, literal), PRIMARY)

    def ext_value(self, family, depth):
        attr = {"decimal": "amount", "ip": "addr", "datetime": "when", "duration": "ttl"}[family]
        if self.chance(0.3):
            return Expr(self.pick(["principal", "resource", "context"]) + "." + attr, MEMBER)
        return self.ext_constructor(family)

    def duration_value(self, depth):
        if depth > 0 and self.chance(0.3):
            left, right = self.ext_value("datetime", depth - 1), self.ext_value("datetime", depth - 1)
            return Expr("%s.durationSince(%s)" % (self.wrap(left, MEMBER), right.text), MEMBER)
        return self.ext_value("duration", depth)

    def ext_expr(self, depth):
        family = self.pick(["decimal", "ip", "datetime", "duration"])
        if family == "datetime" and depth > 0 and self.chance(0.4):
            receiver = self.wrap(self.ext_value("datetime", depth - 1), MEMBER)
            method = self.pick(["offset", "toDate", "toTime"])
            arg = self.duration_value(depth - 1).text if method == "offset" else ""
            return Expr("%s.%s(%s)" % (receiver, method, arg), MEMBER)
        if family == "duration":
            return self.duration_value(depth)
        return self.ext_value(family, depth)

    def ext_predicate(self, depth):
        family = self.pick(["decimal", "ip", "datetime"])
        if family == "decimal":
            method = self.pick(["lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual"])
            left, right = self.ext_value("decimal", depth), self.ext_value("decimal", depth)
            return Expr("%s.%s(%s)" % (self.wrap(left, MEMBER), method, right.text), MEMBER)
        if family == "ip":
            method = self.pick(["isIpv4", "isIpv6", "isLoopback", "isMulticast", "isInRange"])
            arg = self.ext_value("ip", depth).text if method == "isInRange" else ""
            return Expr("%s.%s(%s)" % (self.wrap(self.ext_value("ip", depth), MEMBER), method, arg), MEMBER)
        kind = self.pick(["datetime", "duration"])
        op = self.pick(["<", "<=", ">", ">=", "==", "!="])
        left = self.ext_expr(depth) if kind == "datetime" else self.duration_value(depth)
        right = self.ext_value(kind, depth)
        return self.relation(left, op, right)

    # -- policies ------------------------------------------------------------------------------------------

    def scope(self, var, open_scope):
        roll = self.r.random()
        if open_scope or roll < 0.4:
            return var
        if roll < 0.6:
            return "%s == %s" % (var, self.uid_lit().text)
        if roll < 0.8:
            return "%s in %s" % (var, self.uid_lit(self.pick(["Group", "Folder", "User"])).text)
        if roll < 0.9:
            return "%s is %s" % (var, self.pick(TYPES))
        return "%s is %s in %s" % (var, self.pick(TYPES), self.uid_lit(self.pick(["Group", "Folder"])).text)

    def action_scope(self, open_scope):
        roll = self.r.random()
        if open_scope or roll < 0.35:
            return "action"
        if roll < 0.6:
            return "action == " + self.action_lit().text
        if roll < 0.8:
            return "action in " + self.action_lit(group=True).text
        items = [self.action_lit(group=self.chance(0.4)).text for _ in range(self.r.randint(0, 3))]
        return "action in [" + ", ".join(items) + "]"

    def policy(self):
        annotation = '@id("p%d")\n' % self.r.randint(0, 999) if self.chance(0.2) else ""
        effect = "forbid" if self.chance(0.25) else "permit"
        # Half the policies have an open scope, so their conditions are evaluated for every request.
        open_scope = self.chance(0.5)
        head = "%s%s(%s, %s, %s)" % (annotation, effect, self.scope("principal", open_scope),
                                     self.action_scope(open_scope), self.scope("resource", open_scope))
        clauses = []
        for _ in range(self.r.choice([0, 1, 1, 1, 2])):
            keyword = "unless" if self.chance(0.25) else "when"
            clauses.append(" %s { %s }" % (keyword, self.expr("bool", self.r.randint(1, 4)).text))
        return head + "".join(clauses) + ";"

    def policies(self):
        return "\n".join(self.policy() for _ in range(self.r.randint(1, 6)))

    # -- data ----------------------------------------------------------------------------------------------

    def uid(self, type_name=None):
        return {"type": type_name or self.pick(TYPES), "id": self.pick(IDS)}

    def json_value(self, attr, depth=2):
        """A JSON attribute value, usually of the type the attribute name suggests."""
        kind = {
            "age": "long", "level": "long", "n": "long", "name": "string", "tags": "set", "owner": "entity",
            "profile": "record", "addr": "ip", "amount": "decimal", "when": "datetime", "ttl": "duration",
            "flag": "bool",
        }.get(attr, self.pick(["long", "string", "bool"]))
        if self.chance(0.08):
            kind = self.pick(["long", "string", "bool", "set", "record", "entity"])
        if kind == "long":
            return self.pick(LONGS) if self.chance(0.4) else self.r.randint(-20, 20)
        if kind == "string":
            return self.pick(STRINGS)
        if kind == "bool":
            return self.chance(0.5)
        if kind == "set":
            element = self.pick(["string", "long", "entity"])
            make = {"string": lambda: self.pick(STRINGS), "long": lambda: self.r.randint(-5, 5),
                    "entity": lambda: {"__entity": self.uid()}}[element]
            return [make() for _ in range(self.r.randint(0, 3))]
        if kind == "entity":
            return {"__entity": self.uid()}
        if kind == "record":
            keys = self.r.sample(RECORD_KEYS, self.r.randint(0, 3))
            return {key: (self.json_value("profile", depth - 1) if key == "inner" and depth > 0
                          else self.json_value(key)) for key in keys}
        pool = {"ip": IPS, "decimal": DECIMALS, "datetime": DATETIMES, "duration": DURATIONS}[kind]
        return {"__extn": {"fn": kind, "arg": self.pick(pool)}}

    def attrs(self):
        return {attr: self.json_value(attr) for attr in self.r.sample(ATTRS, self.r.randint(0, 6))}

    def entities(self):
        """An entity store: a few principals and resources in a hierarchy, plus the action hierarchy."""
        store = {}
        for _ in range(self.r.randint(3, 14)):
            uid = self.uid()
            store[(uid["type"], uid["id"])] = uid
        keys = list(store)
        out = []
        cyclic = self.chance(0.02)
        for index, key in enumerate(keys):
            # Parents come from earlier entities, so the hierarchy is a DAG, except in a rare deliberately cyclic
            # store (which Cedar rejects).
            earlier = keys if cyclic else keys[:index]
            count = self.r.randint(0, 2) if earlier else 0
            parents = [dict(zip(("type", "id"), self.pick(earlier))) for _ in range(count)]
            entity = {"uid": store[key], "attrs": self.attrs(), "parents": parents}
            if self.chance(0.5):
                entity["tags"] = {k: self.json_value(self.pick(["name", "n", "tags"]))
                                  for k in self.r.sample(TAG_KEYS, self.r.randint(0, 3))}
            out.append(entity)
        for action in ACTIONS + ACTION_GROUPS:
            # Groups only point to later groups (readers, editors, all), keeping the action hierarchy a DAG.
            later = ACTION_GROUPS[ACTION_GROUPS.index(action) + 1:] if action in ACTION_GROUPS else ACTION_GROUPS
            groups = self.r.sample(later, self.r.randint(0, len(later)))
            out.append({"uid": {"type": "Action", "id": action}, "attrs": {},
                        "parents": [{"type": "Action", "id": g} for g in groups]})
        if self.chance(0.02):
            out[0]["attrs"]["amount"] = {"__extn": {"fn": "decimal", "arg": self.pick(BAD_DECIMALS)}}
        return out, keys

    def request(self, keys):
        def entity():
            if keys and self.chance(0.8):
                return dict(zip(("type", "id"), self.pick(keys)))
            return self.uid()

        context = {attr: self.json_value(attr) for attr in self.r.sample(ATTRS, self.r.randint(0, 5))}
        if self.chance(0.02):
            context["addr"] = {"__extn": {"fn": "ip", "arg": self.pick(BAD_IPS)}}
        return {"principal": entity(), "action": {"type": "Action", "id": self.pick(ACTIONS + ACTION_GROUPS)},
                "resource": entity(), "context": json.dumps(context, ensure_ascii=self.chance(0.5))}

    def policy_set_case(self, name, requests):
        """One case: a policy set, an entity store and `requests` requests against them."""
        entities, keys = self.entities()
        self.keys = keys
        return {
            "name": name,
            "policies": self.policies(),
            "entities": json.dumps(entities, ensure_ascii=self.chance(0.5)),
            "requests": [self.request(keys) for _ in range(requests)],
        }
