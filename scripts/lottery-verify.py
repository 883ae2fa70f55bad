#!/usr/bin/env python3
# Reproduces a Qunzhu lottery draw. Usage: lottery-verify.py SEED COMMITMENT WINNERS ENTRIES_FILE (member ids, one a line)
import hashlib, sys
seed, commitment, k = bytes.fromhex(sys.argv[1]), sys.argv[2], int(sys.argv[3])
assert hashlib.sha256(seed).hexdigest() == commitment, "the seed does not match the commitment"
entries = sorted({l.strip() for l in open(sys.argv[4], encoding="utf-8") if l.strip()})  # code point order = UTF-8 byte order
print("entries sha256:", hashlib.sha256("\n".join(entries).encode()).hexdigest())
for i in range(min(k, len(entries))):
    r = int.from_bytes(hashlib.sha256(seed + b":" + str(i).encode()).digest(), "big")
    print(entries.pop(r % len(entries)))
