# Precision, recall and F1 of the pairs in a Duke link file (lines "+,id1,id2,confidence"; second file) against
# the labels of the CSV Duke read (first file, ids first). mode=febrl: an id rec-N-org or rec-N-dup-K is person
# rec-N; otherwise the person is what precedes ":" in the id.
function person(id) { if (mode == "febrl") { sub(/-(org|dup-[0-9]+)$/, "", id); return id } split(id, parts, ":"); return parts[1] }
FNR == 1 && FILENAME == ARGV[1] { next }
FILENAME == ARGV[1] { split($0, f, ","); n[person(f[1])]++; next }
$1 == "+" { a = $2; b = $3; k = (a < b) ? a SUBSEP b : b SUBSEP a; if (!(k in seen)) { seen[k] = 1; linked++; if (person(a) == person(b)) right++ } }
END { for (g in n) truth += n[g] * (n[g] - 1) / 2; p = linked ? right / linked : 1; r = truth ? right / truth : 1;
      printf "%d true pairs; Duke linked %d pairs, %d right: precision %.4f, recall %.4f, F1 %.4f\n", truth, linked, right, p, r, (p + r) ? 2 * p * r / (p + r) : 0 }
