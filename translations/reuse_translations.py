#!/usr/bin/env python3
"""Runs after lupdate under `update_translations`.

lupdate files a message under the context of the code that asks for it. When
code moves (a tr() call to another class, a context renamed), the message
comes back unfinished under its new context and the old one is left behind as
"vanished", translation and all. This gives each unfinished message the
translation its identical English source already has in the same file, when
all the translations of that source agree, then drops the vanished and
obsolete messages. Anything it cannot decide stays unfinished for a person
(and tst_translations fails until then).

usage: reuse_translations.py LCONVERT FILE.ts...
"""

import subprocess
import sys
import xml.etree.ElementTree as ET


def translation_of(message):
    """The translation as a tuple (one per plural form), or None if empty."""
    tr = message.find("translation")
    if message.get("numerus") == "yes":
        forms = tuple((f.text or "") for f in tr.findall("numerusform"))
    else:
        forms = (tr.text or "",)
    return forms if forms and all(f.strip() for f in forms) else None


def key_of(message):
    source = message.find("source").text or ""
    comment = message.find("comment")
    return (source, comment.text if comment is not None else "", message.get("numerus") == "yes")


def reuse(path):
    tree = ET.parse(path)
    root = tree.getroot()
    known = {}
    for message in root.iter("message"):
        if message.find("translation").get("type") == "unfinished":
            continue
        forms = translation_of(message)
        if forms:
            known.setdefault(key_of(message), set()).add(forms)

    reused = dropped = 0
    for context in list(root.findall("context")):
        for message in list(context.findall("message")):
            tr = message.find("translation")
            kind = tr.get("type")
            if kind in ("vanished", "obsolete"):
                context.remove(message)
                dropped += 1
            elif kind == "unfinished":
                candidates = known.get(key_of(message), set())
                if len(candidates) != 1:
                    continue
                (forms,) = candidates
                for child in list(tr):
                    tr.remove(child)
                if message.get("numerus") == "yes":
                    tr.text = None
                    for form in forms:
                        ET.SubElement(tr, "numerusform").text = form
                else:
                    tr.text = forms[0]
                del tr.attrib["type"]
                reused += 1
        if context.find("message") is None:
            root.remove(context)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    print(f"{path}: {reused} translation(s) reused, {dropped} vanished message(s) dropped")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    lconvert, files = sys.argv[1], sys.argv[2:]
    for path in files:
        reuse(path)
        # Back to the layout lupdate writes, so that diffs stay small.
        subprocess.run([lconvert, "-locations", "absolute", "-i", path, "-o", path], check=True)


if __name__ == "__main__":
    main()
