package qunzhu.store;

import java.sql.Connection;

/**
 * A connection that forwards every call to {@code real}: the base of {@link StatementCache},
 * which replaces a few. Plain calls, where a reflective proxy cost a lookup and an access check
 * on every statement call of the hot path (about 5 % of the pipeline thread's samples).
 * Generated from {@link Connection}'s methods (Java 17); keep it a pure forwarder.
 */
abstract class ForwardingConnection implements Connection {
    protected final Connection real;

    ForwardingConnection(Connection real) { this.real = real; }

    @Override public void abort(java.util.concurrent.Executor a0) throws java.sql.SQLException { real.abort(a0); }
    @Override public void beginRequest() throws java.sql.SQLException { real.beginRequest(); }
    @Override public void clearWarnings() throws java.sql.SQLException { real.clearWarnings(); }
    @Override public void close() throws java.sql.SQLException { real.close(); }
    @Override public void commit() throws java.sql.SQLException { real.commit(); }
    @Override public java.sql.Array createArrayOf(java.lang.String a0, java.lang.Object[] a1) throws java.sql.SQLException { return real.createArrayOf(a0, a1); }
    @Override public java.sql.Blob createBlob() throws java.sql.SQLException { return real.createBlob(); }
    @Override public java.sql.Clob createClob() throws java.sql.SQLException { return real.createClob(); }
    @Override public java.sql.NClob createNClob() throws java.sql.SQLException { return real.createNClob(); }
    @Override public java.sql.SQLXML createSQLXML() throws java.sql.SQLException { return real.createSQLXML(); }
    @Override public java.sql.Statement createStatement() throws java.sql.SQLException { return real.createStatement(); }
    @Override public java.sql.Statement createStatement(int a0, int a1, int a2) throws java.sql.SQLException { return real.createStatement(a0, a1, a2); }
    @Override public java.sql.Statement createStatement(int a0, int a1) throws java.sql.SQLException { return real.createStatement(a0, a1); }
    @Override public java.sql.Struct createStruct(java.lang.String a0, java.lang.Object[] a1) throws java.sql.SQLException { return real.createStruct(a0, a1); }
    @Override public void endRequest() throws java.sql.SQLException { real.endRequest(); }
    @Override public boolean getAutoCommit() throws java.sql.SQLException { return real.getAutoCommit(); }
    @Override public java.lang.String getCatalog() throws java.sql.SQLException { return real.getCatalog(); }
    @Override public java.util.Properties getClientInfo() throws java.sql.SQLException { return real.getClientInfo(); }
    @Override public java.lang.String getClientInfo(java.lang.String a0) throws java.sql.SQLException { return real.getClientInfo(a0); }
    @Override public int getHoldability() throws java.sql.SQLException { return real.getHoldability(); }
    @Override public java.sql.DatabaseMetaData getMetaData() throws java.sql.SQLException { return real.getMetaData(); }
    @Override public int getNetworkTimeout() throws java.sql.SQLException { return real.getNetworkTimeout(); }
    @Override public java.lang.String getSchema() throws java.sql.SQLException { return real.getSchema(); }
    @Override public int getTransactionIsolation() throws java.sql.SQLException { return real.getTransactionIsolation(); }
    @Override public java.util.Map<java.lang.String, java.lang.Class<?>> getTypeMap() throws java.sql.SQLException { return real.getTypeMap(); }
    @Override public java.sql.SQLWarning getWarnings() throws java.sql.SQLException { return real.getWarnings(); }
    @Override public boolean isClosed() throws java.sql.SQLException { return real.isClosed(); }
    @Override public boolean isReadOnly() throws java.sql.SQLException { return real.isReadOnly(); }
    @Override public boolean isValid(int a0) throws java.sql.SQLException { return real.isValid(a0); }
    @Override public boolean isWrapperFor(java.lang.Class<?> a0) throws java.sql.SQLException { return real.isWrapperFor(a0); }
    @Override public java.lang.String nativeSQL(java.lang.String a0) throws java.sql.SQLException { return real.nativeSQL(a0); }
    @Override public java.sql.CallableStatement prepareCall(java.lang.String a0, int a1, int a2, int a3) throws java.sql.SQLException { return real.prepareCall(a0, a1, a2, a3); }
    @Override public java.sql.CallableStatement prepareCall(java.lang.String a0, int a1, int a2) throws java.sql.SQLException { return real.prepareCall(a0, a1, a2); }
    @Override public java.sql.CallableStatement prepareCall(java.lang.String a0) throws java.sql.SQLException { return real.prepareCall(a0); }
    @Override public java.sql.PreparedStatement prepareStatement(java.lang.String a0, int[] a1) throws java.sql.SQLException { return real.prepareStatement(a0, a1); }
    @Override public java.sql.PreparedStatement prepareStatement(java.lang.String a0, java.lang.String[] a1) throws java.sql.SQLException { return real.prepareStatement(a0, a1); }
    @Override public java.sql.PreparedStatement prepareStatement(java.lang.String a0, int a1, int a2, int a3) throws java.sql.SQLException { return real.prepareStatement(a0, a1, a2, a3); }
    @Override public java.sql.PreparedStatement prepareStatement(java.lang.String a0, int a1, int a2) throws java.sql.SQLException { return real.prepareStatement(a0, a1, a2); }
    @Override public java.sql.PreparedStatement prepareStatement(java.lang.String a0, int a1) throws java.sql.SQLException { return real.prepareStatement(a0, a1); }
    @Override public java.sql.PreparedStatement prepareStatement(java.lang.String a0) throws java.sql.SQLException { return real.prepareStatement(a0); }
    @Override public void releaseSavepoint(java.sql.Savepoint a0) throws java.sql.SQLException { real.releaseSavepoint(a0); }
    @Override public void rollback() throws java.sql.SQLException { real.rollback(); }
    @Override public void rollback(java.sql.Savepoint a0) throws java.sql.SQLException { real.rollback(a0); }
    @Override public void setAutoCommit(boolean a0) throws java.sql.SQLException { real.setAutoCommit(a0); }
    @Override public void setCatalog(java.lang.String a0) throws java.sql.SQLException { real.setCatalog(a0); }
    @Override public void setClientInfo(java.lang.String a0, java.lang.String a1) throws java.sql.SQLClientInfoException { real.setClientInfo(a0, a1); }
    @Override public void setClientInfo(java.util.Properties a0) throws java.sql.SQLClientInfoException { real.setClientInfo(a0); }
    @Override public void setHoldability(int a0) throws java.sql.SQLException { real.setHoldability(a0); }
    @Override public void setNetworkTimeout(java.util.concurrent.Executor a0, int a1) throws java.sql.SQLException { real.setNetworkTimeout(a0, a1); }
    @Override public void setReadOnly(boolean a0) throws java.sql.SQLException { real.setReadOnly(a0); }
    @Override public java.sql.Savepoint setSavepoint() throws java.sql.SQLException { return real.setSavepoint(); }
    @Override public java.sql.Savepoint setSavepoint(java.lang.String a0) throws java.sql.SQLException { return real.setSavepoint(a0); }
    @Override public void setSchema(java.lang.String a0) throws java.sql.SQLException { real.setSchema(a0); }
    @Override public void setShardingKey(java.sql.ShardingKey a0, java.sql.ShardingKey a1) throws java.sql.SQLException { real.setShardingKey(a0, a1); }
    @Override public void setShardingKey(java.sql.ShardingKey a0) throws java.sql.SQLException { real.setShardingKey(a0); }
    @Override public boolean setShardingKeyIfValid(java.sql.ShardingKey a0, int a1) throws java.sql.SQLException { return real.setShardingKeyIfValid(a0, a1); }
    @Override public boolean setShardingKeyIfValid(java.sql.ShardingKey a0, java.sql.ShardingKey a1, int a2) throws java.sql.SQLException { return real.setShardingKeyIfValid(a0, a1, a2); }
    @Override public void setTransactionIsolation(int a0) throws java.sql.SQLException { real.setTransactionIsolation(a0); }
    @Override public void setTypeMap(java.util.Map<java.lang.String, java.lang.Class<?>> a0) throws java.sql.SQLException { real.setTypeMap(a0); }
    @Override public <T> T unwrap(java.lang.Class<T> a0) throws java.sql.SQLException { return real.unwrap(a0); }
}
