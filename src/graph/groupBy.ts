/**
 * Grouping by integer label into CSR: the shape the engine uses for every one-to-many
 * relation (component → nodes, site → nodes, risk group → members, block → nodes).
 */

/** Groups as CSR: group `g` holds `members[offsets[g] .. offsets[g + 1] - 1]`. */
export interface Groups {
  /** Member ranges per group, length `groups + 1`. */
  readonly offsets: Int32Array;
  /** The members of every group, group after group. */
  readonly members: Int32Array;
}

/**
 * Groups the indices `i` of `label` by `label[i]` (-1 = in no group), each group ascending.
 * A counting sort, linear in `label.length + groups`.
 *
 * @param groups number of groups; every label must be below it.
 */
export function groupBy(label: Int32Array, groups: number): Groups {
  const offsets = new Int32Array(groups + 1);
  for (let i = 0; i < label.length; i++) {
    const g = label[i]!;
    if (g >= 0) offsets[g + 1]!++;
  }
  for (let g = 0; g < groups; g++) offsets[g + 1]! += offsets[g]!;
  const fill = offsets.slice(0, groups);
  const members = new Int32Array(offsets[groups]!);
  for (let i = 0; i < label.length; i++) {
    const g = label[i]!;
    if (g >= 0) members[fill[g]!++] = i;
  }
  return { offsets, members };
}

/**
 * Builds CSR groups from (group, member) pairs given as two parallel arrays, keeping the
 * pairs' order within each group. Used where a member may be in several groups.
 */
export function groupPairs(group: ArrayLike<number>, member: ArrayLike<number>, groups: number): Groups {
  const offsets = new Int32Array(groups + 1);
  for (let i = 0; i < group.length; i++) offsets[group[i]! + 1]!++;
  for (let g = 0; g < groups; g++) offsets[g + 1]! += offsets[g]!;
  const fill = offsets.slice(0, groups);
  const members = new Int32Array(offsets[groups]!);
  for (let i = 0; i < group.length; i++) members[fill[group[i]!]!++] = member[i]!;
  return { offsets, members };
}
