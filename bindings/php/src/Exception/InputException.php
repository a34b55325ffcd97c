<?php

declare(strict_types=1);

namespace Recourse\Exception;

/** The request could not be read or is not valid (`input.*` codes). */
final class InputException extends RecourseException
{
}
