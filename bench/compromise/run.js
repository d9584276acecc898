#!/usr/bin/env node
// run.js is the compromise side of the throughput comparison in issue 3:
// the counterpart of `briefbot extract --format jsonl PATH...`.
//
// For each text file named on the command line it parses the text once with
// compromise and asks for what compromise offers for briefbot's task — people,
// places, organizations and quotations — and prints one JSON object per line
// on stdout. It does nothing more, so the timing measures compromise itself
// plus the same read/encode/write work briefbot does per article.
//
// Usage: node run.js /tmp/articles/*.txt > /dev/null
'use strict'

const fs = require('node:fs')
// The bundled CommonJS build: one file to load, the quickest start
// compromise offers, so whole-process timing does not penalise it.
const nlp = require('compromise')

function extract(path) {
  const text = fs.readFileSync(path, 'utf8')
  const doc = nlp(text)
  return {
    path,
    people: doc.people().out('array'),
    places: doc.places().out('array'),
    organizations: doc.organizations().out('array'),
    quotations: doc.quotations().out('array'),
  }
}

function main(paths) {
  if (paths.length === 0) {
    process.stderr.write('Usage: node run.js PATH...\n')
    return 2
  }
  for (const path of paths) {
    // One write per article, as briefbot's json.Encoder does; to a file or
    // /dev/null Node writes stdout synchronously.
    process.stdout.write(JSON.stringify(extract(path)) + '\n')
  }
  return 0
}

process.exitCode = main(process.argv.slice(2))
