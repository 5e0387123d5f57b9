-- History filters on 10M rows (EXPLAIN on the demo generator's 10M rows,
-- docs/BENCHMARKS.md). Newest first, a page is 50-1000 rows: each common
-- leading filter gets an index in (at DESC, id DESC) order, so a page reads
-- just its rows. Shop and PLU have theirs (0001); staff and action join them.
CREATE INDEX history_staff_at_id ON history (staff_id, at DESC, id DESC);
CREATE INDEX history_action_at_id ON history (action, at DESC, id DESC);

-- Reports aggregate a date range; history is written in time order, so a
-- block range index finds the range's pages at a fraction of a B-tree's
-- size (56 kB against 301 MB on 10M rows) and costs next to nothing to keep.
CREATE INDEX history_at_brin ON history USING brin (at);

-- Shops, staff and actions are not independent (cashiers sell, keepers
-- count): tell the planner which combinations are common.
CREATE STATISTICS history_who_what (mcv, dependencies) ON shop_id, staff_id, action FROM history;
