package qunzhu.store;

/** A database failure; the message names what was being done. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) { super(message, cause); }
}
