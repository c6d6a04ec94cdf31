# How much of the kernel's free memory lies in blocks of 2 MB or more (order 9 and above of the buddy allocator), in
# one place: sourced (with `.`) by ./affect4j, which gives the Java heap transparent huge pages only when this is large
# enough that the kernel can hand them out without compacting memory (why: the comment above its use there). Bash
# only, no program started (the launcher's start-up counts its milliseconds).

# affect4j_huge_mb [BUDDYINFO]: sets AFFECT4J_HUGE_MB from BUDDYINFO (default /proc/buddyinfo; a line per zone,
# "Node 0, zone Normal" then the free block counts of order 0, 1, 2, ...); 0 when it cannot be read.
affect4j_huge_mb() {
  local zone o
  AFFECT4J_HUGE_MB=0
  while read -r -a zone; do
    for ((o = 9; o + 4 < ${#zone[@]}; o++)); do
      AFFECT4J_HUGE_MB=$((AFFECT4J_HUGE_MB + zone[o + 4] * (2 << (o - 9))))
    done
  done 2>/dev/null < "${1:-/proc/buddyinfo}" || AFFECT4J_HUGE_MB=0
}
