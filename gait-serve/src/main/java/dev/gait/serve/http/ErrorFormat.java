package dev.gait.serve.http;

/** How one API family answers an error; every decision API's error is a non-allow decision. */
public interface ErrorFormat {
    Reply error(HttpError error, String message);
}
