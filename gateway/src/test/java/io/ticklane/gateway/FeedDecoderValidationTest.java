package io.ticklane.gateway;

import io.ticklane.gateway.sbe.AddOrderEncoder;
import io.ticklane.gateway.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A packet with any bad message is rejected whole, with the reason, and nothing of it is dispatched.
 */
class FeedDecoderValidationTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private final FeedDecoder decoder = new FeedDecoder();
    private final RecordingFeedHandler handler = new RecordingFeedHandler();
    private int length;

    @BeforeEach
    void twoMessagePacket()
    {
        final PacketEncoder encoder = new PacketEncoder().begin(buffer, 0, 1, 0, 1, 99, 1);
        encoder.deleteOrder(1, 7, 42);
        encoder.addOrder(2, 7, 43, 1, 1_000_000, 100);
        length = encoder.length();
        assertEquals(FeedDecoder.OK, decoder.validate(buffer, 0, length));
    }

    private void assertRejected(final int expected, final int len)
    {
        assertEquals(FeedDecoder.resultName(expected), FeedDecoder.resultName(decoder.decode(buffer, 0, len, handler)));
        assertTrue(handler.messages.isEmpty(), "nothing dispatched from a bad packet: " + handler.messages);
    }

    private int secondMessageOffset()
    {
        return PacketHeaderDescriptor.HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + 20;
    }

    @Test
    void shorterThanAHeader()
    {
        assertRejected(FeedDecoder.TOO_SHORT, PacketHeaderDescriptor.HEADER_LENGTH - 1);
    }

    @Test
    void truncatedMessage()
    {
        assertRejected(FeedDecoder.TRUNCATED_MESSAGE, length - 1);
    }

    @Test
    void messageCountLargerThanThePacket()
    {
        PacketHeaderDescriptor.messageCount(buffer, 0, 3);
        assertRejected(FeedDecoder.TRUNCATED_MESSAGE, length);
    }

    @Test
    void trailingBytesAfterTheLastMessage()
    {
        PacketHeaderDescriptor.messageCount(buffer, 0, 1);
        assertRejected(FeedDecoder.TRAILING_BYTES, length);
    }

    @Test
    void wrongSchemaId()
    {
        buffer.putShort(secondMessageOffset() + 4, (short)99, ByteOrder.LITTLE_ENDIAN);
        assertRejected(FeedDecoder.BAD_SCHEMA_ID, length);
    }

    @Test
    void versionZero()
    {
        buffer.putShort(secondMessageOffset() + 6, (short)0, ByteOrder.LITTLE_ENDIAN);
        assertRejected(FeedDecoder.BAD_VERSION, length);
    }

    @Test
    void unknownTemplateOfTheCurrentVersion()
    {
        buffer.putShort(secondMessageOffset() + 2, (short)200, ByteOrder.LITTLE_ENDIAN);
        assertRejected(FeedDecoder.UNKNOWN_TEMPLATE, length);
    }

    @Test
    void wrongBlockLength()
    {
        buffer.putShort(secondMessageOffset(), (short)(AddOrderEncoder.BLOCK_LENGTH - 1), ByteOrder.LITTLE_ENDIAN);
        assertRejected(FeedDecoder.BAD_BLOCK_LENGTH, length - 1);
    }

    @Test
    void sideOutsideTheEnum()
    {
        final int sideOffset = secondMessageOffset() + MessageHeaderEncoder.ENCODED_LENGTH +
            AddOrderEncoder.sideEncodingOffset();
        buffer.putByte(sideOffset, (byte)7);
        assertRejected(FeedDecoder.BAD_ENUM, length);
    }

    @Test
    void newerVersionMayExtendBlocksAndAddTemplates()
    {
        final UnsafeBuffer b = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        PacketHeaderDescriptor.write(b, 0, 1, 2, 0, 1, 0, 1);
        int pos = PacketHeaderDescriptor.HEADER_LENGTH;
        header.wrap(b, pos).blockLength(AddOrderEncoder.BLOCK_LENGTH + 8).templateId(AddOrderEncoder.TEMPLATE_ID)
            .schemaId(AddOrderEncoder.SCHEMA_ID).version(AddOrderEncoder.SCHEMA_VERSION + 1);
        new AddOrderEncoder().wrap(b, pos + 8).transactTimeNs(5).orderId(9).price(100).quantity(3).instrumentId(1)
            .side(io.ticklane.gateway.sbe.Side.SELL);
        pos += 8 + AddOrderEncoder.BLOCK_LENGTH + 8;
        header.wrap(b, pos).blockLength(4).templateId(77).schemaId(AddOrderEncoder.SCHEMA_ID)
            .version(AddOrderEncoder.SCHEMA_VERSION + 1);
        pos += 8 + 4;
        assertEquals(FeedDecoder.OK, decoder.decode(b, 0, pos, handler));
        assertEquals(1, handler.messages.size());
        assertEquals("add 5 1 9 1 100 3", handler.messages.get(0));
        assertEquals(1, decoder.skippedMessages());
    }
}
