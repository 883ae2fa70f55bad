package qunzhu.store;

import java.sql.PreparedStatement;

/**
 * A prepared statement that forwards every call to {@link #open()}: the base of the views
 * {@link StatementCache} hands out, which replace a few. Generated from {@link PreparedStatement}'s
 * methods (Java 17); keep it a pure forwarder.
 */
abstract class ForwardingStatement implements PreparedStatement {
    /** The statement to call; throws when this view may not be used any more. */
    protected abstract PreparedStatement open() throws java.sql.SQLException;

    @Override public void addBatch() throws java.sql.SQLException { open().addBatch(); }
    @Override public void addBatch(java.lang.String a0) throws java.sql.SQLException { open().addBatch(a0); }
    @Override public void cancel() throws java.sql.SQLException { open().cancel(); }
    @Override public void clearBatch() throws java.sql.SQLException { open().clearBatch(); }
    @Override public void clearParameters() throws java.sql.SQLException { open().clearParameters(); }
    @Override public void clearWarnings() throws java.sql.SQLException { open().clearWarnings(); }
    @Override public void close() throws java.sql.SQLException { open().close(); }
    @Override public void closeOnCompletion() throws java.sql.SQLException { open().closeOnCompletion(); }
    @Override public java.lang.String enquoteIdentifier(java.lang.String a0, boolean a1) throws java.sql.SQLException { return open().enquoteIdentifier(a0, a1); }
    @Override public java.lang.String enquoteLiteral(java.lang.String a0) throws java.sql.SQLException { return open().enquoteLiteral(a0); }
    @Override public java.lang.String enquoteNCharLiteral(java.lang.String a0) throws java.sql.SQLException { return open().enquoteNCharLiteral(a0); }
    @Override public boolean execute() throws java.sql.SQLException { return open().execute(); }
    @Override public boolean execute(java.lang.String a0, int[] a1) throws java.sql.SQLException { return open().execute(a0, a1); }
    @Override public boolean execute(java.lang.String a0, java.lang.String[] a1) throws java.sql.SQLException { return open().execute(a0, a1); }
    @Override public boolean execute(java.lang.String a0, int a1) throws java.sql.SQLException { return open().execute(a0, a1); }
    @Override public boolean execute(java.lang.String a0) throws java.sql.SQLException { return open().execute(a0); }
    @Override public int[] executeBatch() throws java.sql.SQLException { return open().executeBatch(); }
    @Override public long[] executeLargeBatch() throws java.sql.SQLException { return open().executeLargeBatch(); }
    @Override public long executeLargeUpdate() throws java.sql.SQLException { return open().executeLargeUpdate(); }
    @Override public long executeLargeUpdate(java.lang.String a0, int[] a1) throws java.sql.SQLException { return open().executeLargeUpdate(a0, a1); }
    @Override public long executeLargeUpdate(java.lang.String a0, java.lang.String[] a1) throws java.sql.SQLException { return open().executeLargeUpdate(a0, a1); }
    @Override public long executeLargeUpdate(java.lang.String a0, int a1) throws java.sql.SQLException { return open().executeLargeUpdate(a0, a1); }
    @Override public long executeLargeUpdate(java.lang.String a0) throws java.sql.SQLException { return open().executeLargeUpdate(a0); }
    @Override public java.sql.ResultSet executeQuery() throws java.sql.SQLException { return open().executeQuery(); }
    @Override public java.sql.ResultSet executeQuery(java.lang.String a0) throws java.sql.SQLException { return open().executeQuery(a0); }
    @Override public int executeUpdate() throws java.sql.SQLException { return open().executeUpdate(); }
    @Override public int executeUpdate(java.lang.String a0, int[] a1) throws java.sql.SQLException { return open().executeUpdate(a0, a1); }
    @Override public int executeUpdate(java.lang.String a0, java.lang.String[] a1) throws java.sql.SQLException { return open().executeUpdate(a0, a1); }
    @Override public int executeUpdate(java.lang.String a0, int a1) throws java.sql.SQLException { return open().executeUpdate(a0, a1); }
    @Override public int executeUpdate(java.lang.String a0) throws java.sql.SQLException { return open().executeUpdate(a0); }
    @Override public java.sql.Connection getConnection() throws java.sql.SQLException { return open().getConnection(); }
    @Override public int getFetchDirection() throws java.sql.SQLException { return open().getFetchDirection(); }
    @Override public int getFetchSize() throws java.sql.SQLException { return open().getFetchSize(); }
    @Override public java.sql.ResultSet getGeneratedKeys() throws java.sql.SQLException { return open().getGeneratedKeys(); }
    @Override public long getLargeMaxRows() throws java.sql.SQLException { return open().getLargeMaxRows(); }
    @Override public long getLargeUpdateCount() throws java.sql.SQLException { return open().getLargeUpdateCount(); }
    @Override public int getMaxFieldSize() throws java.sql.SQLException { return open().getMaxFieldSize(); }
    @Override public int getMaxRows() throws java.sql.SQLException { return open().getMaxRows(); }
    @Override public java.sql.ResultSetMetaData getMetaData() throws java.sql.SQLException { return open().getMetaData(); }
    @Override public boolean getMoreResults() throws java.sql.SQLException { return open().getMoreResults(); }
    @Override public boolean getMoreResults(int a0) throws java.sql.SQLException { return open().getMoreResults(a0); }
    @Override public java.sql.ParameterMetaData getParameterMetaData() throws java.sql.SQLException { return open().getParameterMetaData(); }
    @Override public int getQueryTimeout() throws java.sql.SQLException { return open().getQueryTimeout(); }
    @Override public java.sql.ResultSet getResultSet() throws java.sql.SQLException { return open().getResultSet(); }
    @Override public int getResultSetConcurrency() throws java.sql.SQLException { return open().getResultSetConcurrency(); }
    @Override public int getResultSetHoldability() throws java.sql.SQLException { return open().getResultSetHoldability(); }
    @Override public int getResultSetType() throws java.sql.SQLException { return open().getResultSetType(); }
    @Override public int getUpdateCount() throws java.sql.SQLException { return open().getUpdateCount(); }
    @Override public java.sql.SQLWarning getWarnings() throws java.sql.SQLException { return open().getWarnings(); }
    @Override public boolean isCloseOnCompletion() throws java.sql.SQLException { return open().isCloseOnCompletion(); }
    @Override public boolean isClosed() throws java.sql.SQLException { return open().isClosed(); }
    @Override public boolean isPoolable() throws java.sql.SQLException { return open().isPoolable(); }
    @Override public boolean isSimpleIdentifier(java.lang.String a0) throws java.sql.SQLException { return open().isSimpleIdentifier(a0); }
    @Override public boolean isWrapperFor(java.lang.Class<?> a0) throws java.sql.SQLException { return open().isWrapperFor(a0); }
    @Override public void setArray(int a0, java.sql.Array a1) throws java.sql.SQLException { open().setArray(a0, a1); }
    @Override public void setAsciiStream(int a0, java.io.InputStream a1, int a2) throws java.sql.SQLException { open().setAsciiStream(a0, a1, a2); }
    @Override public void setAsciiStream(int a0, java.io.InputStream a1, long a2) throws java.sql.SQLException { open().setAsciiStream(a0, a1, a2); }
    @Override public void setAsciiStream(int a0, java.io.InputStream a1) throws java.sql.SQLException { open().setAsciiStream(a0, a1); }
    @Override public void setBigDecimal(int a0, java.math.BigDecimal a1) throws java.sql.SQLException { open().setBigDecimal(a0, a1); }
    @Override public void setBinaryStream(int a0, java.io.InputStream a1, int a2) throws java.sql.SQLException { open().setBinaryStream(a0, a1, a2); }
    @Override public void setBinaryStream(int a0, java.io.InputStream a1, long a2) throws java.sql.SQLException { open().setBinaryStream(a0, a1, a2); }
    @Override public void setBinaryStream(int a0, java.io.InputStream a1) throws java.sql.SQLException { open().setBinaryStream(a0, a1); }
    @Override public void setBlob(int a0, java.io.InputStream a1, long a2) throws java.sql.SQLException { open().setBlob(a0, a1, a2); }
    @Override public void setBlob(int a0, java.io.InputStream a1) throws java.sql.SQLException { open().setBlob(a0, a1); }
    @Override public void setBlob(int a0, java.sql.Blob a1) throws java.sql.SQLException { open().setBlob(a0, a1); }
    @Override public void setBoolean(int a0, boolean a1) throws java.sql.SQLException { open().setBoolean(a0, a1); }
    @Override public void setByte(int a0, byte a1) throws java.sql.SQLException { open().setByte(a0, a1); }
    @Override public void setBytes(int a0, byte[] a1) throws java.sql.SQLException { open().setBytes(a0, a1); }
    @Override public void setCharacterStream(int a0, java.io.Reader a1, int a2) throws java.sql.SQLException { open().setCharacterStream(a0, a1, a2); }
    @Override public void setCharacterStream(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException { open().setCharacterStream(a0, a1, a2); }
    @Override public void setCharacterStream(int a0, java.io.Reader a1) throws java.sql.SQLException { open().setCharacterStream(a0, a1); }
    @Override public void setClob(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException { open().setClob(a0, a1, a2); }
    @Override public void setClob(int a0, java.io.Reader a1) throws java.sql.SQLException { open().setClob(a0, a1); }
    @Override public void setClob(int a0, java.sql.Clob a1) throws java.sql.SQLException { open().setClob(a0, a1); }
    @Override public void setCursorName(java.lang.String a0) throws java.sql.SQLException { open().setCursorName(a0); }
    @Override public void setDate(int a0, java.sql.Date a1, java.util.Calendar a2) throws java.sql.SQLException { open().setDate(a0, a1, a2); }
    @Override public void setDate(int a0, java.sql.Date a1) throws java.sql.SQLException { open().setDate(a0, a1); }
    @Override public void setDouble(int a0, double a1) throws java.sql.SQLException { open().setDouble(a0, a1); }
    @Override public void setEscapeProcessing(boolean a0) throws java.sql.SQLException { open().setEscapeProcessing(a0); }
    @Override public void setFetchDirection(int a0) throws java.sql.SQLException { open().setFetchDirection(a0); }
    @Override public void setFetchSize(int a0) throws java.sql.SQLException { open().setFetchSize(a0); }
    @Override public void setFloat(int a0, float a1) throws java.sql.SQLException { open().setFloat(a0, a1); }
    @Override public void setInt(int a0, int a1) throws java.sql.SQLException { open().setInt(a0, a1); }
    @Override public void setLargeMaxRows(long a0) throws java.sql.SQLException { open().setLargeMaxRows(a0); }
    @Override public void setLong(int a0, long a1) throws java.sql.SQLException { open().setLong(a0, a1); }
    @Override public void setMaxFieldSize(int a0) throws java.sql.SQLException { open().setMaxFieldSize(a0); }
    @Override public void setMaxRows(int a0) throws java.sql.SQLException { open().setMaxRows(a0); }
    @Override public void setNCharacterStream(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException { open().setNCharacterStream(a0, a1, a2); }
    @Override public void setNCharacterStream(int a0, java.io.Reader a1) throws java.sql.SQLException { open().setNCharacterStream(a0, a1); }
    @Override public void setNClob(int a0, java.io.Reader a1, long a2) throws java.sql.SQLException { open().setNClob(a0, a1, a2); }
    @Override public void setNClob(int a0, java.io.Reader a1) throws java.sql.SQLException { open().setNClob(a0, a1); }
    @Override public void setNClob(int a0, java.sql.NClob a1) throws java.sql.SQLException { open().setNClob(a0, a1); }
    @Override public void setNString(int a0, java.lang.String a1) throws java.sql.SQLException { open().setNString(a0, a1); }
    @Override public void setNull(int a0, int a1, java.lang.String a2) throws java.sql.SQLException { open().setNull(a0, a1, a2); }
    @Override public void setNull(int a0, int a1) throws java.sql.SQLException { open().setNull(a0, a1); }
    @Override public void setObject(int a0, java.lang.Object a1, int a2, int a3) throws java.sql.SQLException { open().setObject(a0, a1, a2, a3); }
    @Override public void setObject(int a0, java.lang.Object a1, int a2) throws java.sql.SQLException { open().setObject(a0, a1, a2); }
    @Override public void setObject(int a0, java.lang.Object a1, java.sql.SQLType a2, int a3) throws java.sql.SQLException { open().setObject(a0, a1, a2, a3); }
    @Override public void setObject(int a0, java.lang.Object a1, java.sql.SQLType a2) throws java.sql.SQLException { open().setObject(a0, a1, a2); }
    @Override public void setObject(int a0, java.lang.Object a1) throws java.sql.SQLException { open().setObject(a0, a1); }
    @Override public void setPoolable(boolean a0) throws java.sql.SQLException { open().setPoolable(a0); }
    @Override public void setQueryTimeout(int a0) throws java.sql.SQLException { open().setQueryTimeout(a0); }
    @Override public void setRef(int a0, java.sql.Ref a1) throws java.sql.SQLException { open().setRef(a0, a1); }
    @Override public void setRowId(int a0, java.sql.RowId a1) throws java.sql.SQLException { open().setRowId(a0, a1); }
    @Override public void setSQLXML(int a0, java.sql.SQLXML a1) throws java.sql.SQLException { open().setSQLXML(a0, a1); }
    @Override public void setShort(int a0, short a1) throws java.sql.SQLException { open().setShort(a0, a1); }
    @Override public void setString(int a0, java.lang.String a1) throws java.sql.SQLException { open().setString(a0, a1); }
    @Override public void setTime(int a0, java.sql.Time a1, java.util.Calendar a2) throws java.sql.SQLException { open().setTime(a0, a1, a2); }
    @Override public void setTime(int a0, java.sql.Time a1) throws java.sql.SQLException { open().setTime(a0, a1); }
    @Override public void setTimestamp(int a0, java.sql.Timestamp a1, java.util.Calendar a2) throws java.sql.SQLException { open().setTimestamp(a0, a1, a2); }
    @Override public void setTimestamp(int a0, java.sql.Timestamp a1) throws java.sql.SQLException { open().setTimestamp(a0, a1); }
    @Override public void setURL(int a0, java.net.URL a1) throws java.sql.SQLException { open().setURL(a0, a1); }
    @Override public void setUnicodeStream(int a0, java.io.InputStream a1, int a2) throws java.sql.SQLException { open().setUnicodeStream(a0, a1, a2); }
    @Override public <T> T unwrap(java.lang.Class<T> a0) throws java.sql.SQLException { return open().unwrap(a0); }
}
