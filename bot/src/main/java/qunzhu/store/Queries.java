package qunzhu.store;

import java.util.List;

/** Where read-only questions go: the writer's connection ({@link Database}) or the read-only ones ({@link Readers}). */
interface Queries {
    <T> List<T> query(String sql, Database.RowMapper<T> mapper, Object... params);

    default <T> T queryOne(String sql, Database.RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    default long count(String sql, Object... params) {
        Long n = queryOne(sql, rs -> rs.getLong(1), params);
        return n == null ? 0 : n;
    }
}
