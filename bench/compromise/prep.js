#!/usr/bin/env node
// prep.js writes the benchmark article set, one .txt file per article, into
// a scratch directory (default /tmp/articles) so briefbot and compromise read
// the very same files. The texts stay in ../shared (copyrighted); this only
// copies them to a temp dir at run time, never into the repository.
//
// The set is the one summarize.BenchmarkExtract reads: the seed article, the
// PolNeAR dev texts and the "text" field of each fmprc press conference. The
// prefix says which corpus a file came from, so each can be timed alone.
//
// Usage: node prep.js [OUTDIR]
'use strict'

const fs = require('node:fs')
const path = require('node:path')

const shared = path.resolve(__dirname, '..', '..', '..', 'shared')
const out = process.argv[2] || '/tmp/articles'

if (!fs.existsSync(shared)) {
  process.stderr.write(`shared data not found at ${shared}\n`)
  process.exit(1)
}
fs.rmSync(out, { recursive: true, force: true })
fs.mkdirSync(out, { recursive: true })

const txt = (dir) => fs.readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()
let count = 0
let bytes = 0
const write = (name, text) => {
  fs.writeFileSync(path.join(out, name), text)
  count++
  bytes += Buffer.byteLength(text)
}

const seedDir = path.join(shared, 'corpus', 'seed')
for (const n of txt(seedDir)) write(`seed-${n}`, fs.readFileSync(path.join(seedDir, n), 'utf8'))

const devDir = path.join(shared, 'eval', 'polnear', 'dev', 'text')
for (const n of txt(devDir)) write(`polnear-${n}`, fs.readFileSync(path.join(devDir, n), 'utf8'))

const jsonl = path.join(shared, 'corpus', 'articles', 'fmprc', 'fmprc_press_conferences_en.jsonl')
fs.readFileSync(jsonl, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .forEach((line, i) => write(`fmprc-${String(i).padStart(3, '0')}.txt`, JSON.parse(line).text))

process.stderr.write(`wrote ${count} articles, ${bytes} bytes, to ${out}\n`)
