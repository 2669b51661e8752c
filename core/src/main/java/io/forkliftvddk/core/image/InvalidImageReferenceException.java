package io.forkliftvddk.core.image;

/** An image reference that does not parse; the message says what is wrong and how a valid one looks. */
public class InvalidImageReferenceException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidImageReferenceException(String message) {
        super(message);
    }
}
