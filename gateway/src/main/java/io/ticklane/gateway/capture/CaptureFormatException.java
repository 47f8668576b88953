package io.ticklane.gateway.capture;

import java.io.IOException;

/**
 * A file that is not a capture {@link CaptureReader} can read; the message is one line naming the file and why.
 */
public final class CaptureFormatException extends IOException
{
    private static final long serialVersionUID = 1L;

    public CaptureFormatException(final String message)
    {
        super(message);
    }
}
