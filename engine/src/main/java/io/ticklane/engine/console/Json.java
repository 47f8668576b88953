package io.ticklane.engine.console;

import java.util.Locale;

/**
 * A minimal JSON writer for the console's read-only API: objects, arrays, strings, numbers and booleans, with
 * commas placed automatically. Not thread-safe; one per response.
 */
final class Json
{
    private final StringBuilder sb = new StringBuilder(1024);
    private boolean needsComma;

    Json beginObject()
    {
        comma();
        sb.append('{');
        needsComma = false;
        return this;
    }

    Json endObject()
    {
        sb.append('}');
        needsComma = true;
        return this;
    }

    Json beginArray()
    {
        comma();
        sb.append('[');
        needsComma = false;
        return this;
    }

    Json endArray()
    {
        sb.append(']');
        needsComma = true;
        return this;
    }

    Json name(final String name)
    {
        comma();
        string(name);
        sb.append(':');
        needsComma = false;
        return this;
    }

    Json value(final String value)
    {
        comma();
        if (null == value)
        {
            sb.append("null");
        }
        else
        {
            string(value);
        }
        needsComma = true;
        return this;
    }

    Json value(final long value)
    {
        comma();
        sb.append(value);
        needsComma = true;
        return this;
    }

    Json value(final double value)
    {
        comma();
        sb.append(Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "null");
        needsComma = true;
        return this;
    }

    Json value(final boolean value)
    {
        comma();
        sb.append(value);
        needsComma = true;
        return this;
    }

    Json field(final String name, final String value)
    {
        return name(name).value(value);
    }

    Json field(final String name, final long value)
    {
        return name(name).value(value);
    }

    Json field(final String name, final double value)
    {
        return name(name).value(value);
    }

    Json field(final String name, final boolean value)
    {
        return name(name).value(value);
    }

    private void comma()
    {
        if (needsComma)
        {
            sb.append(',');
        }
    }

    private void string(final String s)
    {
        sb.append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c > 0x7e)
                    {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int)c)); // safe to embed anywhere
                    }
                    else
                    {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    public String toString()
    {
        return sb.toString();
    }
}
