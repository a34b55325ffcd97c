<?php

declare(strict_types=1);

namespace Recourse\Exception;

/** The C library could not be loaded, or was given a bad argument (`ffi.*`, `library.*` codes). */
final class LibraryException extends RecourseException
{
}
