-- Counters may now wait in memory after their transaction commits (store/Tallies): the mark
-- through which every handled event's counts are written. Before this version they were
-- written at every commit, so an existing database's counts are written through its handled mark.
INSERT INTO kv (k, v) SELECT 'tallies.flushed_through', v FROM kv WHERE k = 'pipeline.handled_through'
    ON CONFLICT (k) DO NOTHING;
