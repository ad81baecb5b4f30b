"""Number and date formats where Django's own fall short for the participants' languages
(settings.FORMAT_MODULE_PATH): what a module here leaves out comes from Django's module."""
