"""The error the settings raise when the environment cannot run the platform.

A module of its own so that the command line can catch it without importing the settings
(which is what raises it).
"""


class ConfigurationError(RuntimeError):
    """A setting the profile requires is missing or unusable; the message is the line to show."""
