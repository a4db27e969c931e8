#!/usr/bin/env bash
# Lists exported symbols of src/ named nowhere else (src, test, bench, scripts, examples): candidates for deletion.
# A symbol used only in its own file is exported needlessly; one with a single occurrence is dead.
cd "$(dirname "$0")/.."
grep -rnoE "^export (async )?(function|const|class|type|interface|enum|abstract class) [A-Za-z_][A-Za-z0-9_]*" src --include=*.ts | grep -v src/generated | while IFS= read -r line; do
  file=${line%%:*}; name=${line##* }
  total=$(grep -rwo "$name" src test bench scripts examples codegen.ts --include=*.ts --include=*.mjs --include=*.tsx 2>/dev/null | grep -v "src/generated" | wc -l)
  infile=$(grep -wo "$name" "$file" | wc -l)
  if [ "$total" = "$infile" ]; then echo "$file $name (in-file uses: $infile)"; fi
done
