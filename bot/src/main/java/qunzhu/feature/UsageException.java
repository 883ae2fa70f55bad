package qunzhu.feature;

/** Thrown by a handler when its arguments are wrong; the router answers with the usage line. */
public class UsageException extends RuntimeException {
    public UsageException(String detail) { super(detail, null, false, false); }
}
