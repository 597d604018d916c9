package org.drcorl.policy.export;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;

/**
 * The part of ONNX's protobuf schema an MLP needs, declared with protobuf-java's descriptors so
 * that the library encodes the messages (no bytes written by hand, no generated code). Field
 * numbers and types are those of onnx/onnx.proto (IR version 7, opset 13), which ONNX keeps
 * stable across versions; message names are ours (they do not reach the wire).
 */
final class OnnxSchema {
    private OnnxSchema() {}

    /** TensorProto.DataType FLOAT. */
    static final int FLOAT = 1;

    static final Descriptors.Descriptor MODEL, OPSET, ENTRY, GRAPH, NODE, TENSOR, VALUE_INFO, TYPE, TENSOR_TYPE, SHAPE, DIM;

    static {
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("drcorl_onnx_subset.proto").setPackage("onnx")
                .setSyntax("proto2")
                .addMessageType(message("Dimension", optional("dim_value", 1, Type.TYPE_INT64), optional("dim_param", 2, Type.TYPE_STRING)))
                .addMessageType(message("TensorShapeProto", repeatedMessage("dim", 1, "Dimension")))
                .addMessageType(message("TensorTypeProto", optional("elem_type", 1, Type.TYPE_INT32),
                        optionalMessage("shape", 2, "TensorShapeProto")))
                .addMessageType(message("TypeProto", optionalMessage("tensor_type", 1, "TensorTypeProto")))
                .addMessageType(message("ValueInfoProto", optional("name", 1, Type.TYPE_STRING), optionalMessage("type", 2, "TypeProto"),
                        optional("doc_string", 3, Type.TYPE_STRING)))
                .addMessageType(message("TensorProto", repeated("dims", 1, Type.TYPE_INT64), optional("data_type", 2, Type.TYPE_INT32),
                        optional("name", 8, Type.TYPE_STRING), optional("raw_data", 9, Type.TYPE_BYTES),
                        optional("doc_string", 12, Type.TYPE_STRING)))
                .addMessageType(message("NodeProto", repeated("input", 1, Type.TYPE_STRING), repeated("output", 2, Type.TYPE_STRING),
                        optional("name", 3, Type.TYPE_STRING), optional("op_type", 4, Type.TYPE_STRING),
                        optional("doc_string", 6, Type.TYPE_STRING), optional("domain", 7, Type.TYPE_STRING)))
                .addMessageType(message("GraphProto", repeatedMessage("node", 1, "NodeProto"), optional("name", 2, Type.TYPE_STRING),
                        repeatedMessage("initializer", 5, "TensorProto"), optional("doc_string", 10, Type.TYPE_STRING),
                        repeatedMessage("input", 11, "ValueInfoProto"), repeatedMessage("output", 12, "ValueInfoProto")))
                .addMessageType(message("OperatorSetIdProto", optional("domain", 1, Type.TYPE_STRING),
                        optional("version", 2, Type.TYPE_INT64)))
                .addMessageType(message("StringStringEntryProto", optional("key", 1, Type.TYPE_STRING),
                        optional("value", 2, Type.TYPE_STRING)))
                .addMessageType(message("ModelProto", optional("ir_version", 1, Type.TYPE_INT64),
                        optional("producer_name", 2, Type.TYPE_STRING), optional("producer_version", 3, Type.TYPE_STRING),
                        optional("domain", 4, Type.TYPE_STRING), optional("model_version", 5, Type.TYPE_INT64),
                        optional("doc_string", 6, Type.TYPE_STRING), optionalMessage("graph", 7, "GraphProto"),
                        repeatedMessage("opset_import", 8, "OperatorSetIdProto"),
                        repeatedMessage("metadata_props", 14, "StringStringEntryProto")))
                .build();
        Descriptors.FileDescriptor built;
        try {
            built = Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0]);
        } catch (Descriptors.DescriptorValidationException e) {
            throw new ExceptionInInitializerError(e);
        }
        MODEL = built.findMessageTypeByName("ModelProto");
        OPSET = built.findMessageTypeByName("OperatorSetIdProto");
        ENTRY = built.findMessageTypeByName("StringStringEntryProto");
        GRAPH = built.findMessageTypeByName("GraphProto");
        NODE = built.findMessageTypeByName("NodeProto");
        TENSOR = built.findMessageTypeByName("TensorProto");
        VALUE_INFO = built.findMessageTypeByName("ValueInfoProto");
        TYPE = built.findMessageTypeByName("TypeProto");
        TENSOR_TYPE = built.findMessageTypeByName("TensorTypeProto");
        SHAPE = built.findMessageTypeByName("TensorShapeProto");
        DIM = built.findMessageTypeByName("Dimension");
    }

    /** A builder of {@code type}, with {@link #set} and {@link #add} by field name. */
    static Message of(Descriptors.Descriptor type) {
        return new Message(DynamicMessage.newBuilder(type));
    }

    /** A thin fluent wrapper: field names instead of descriptors at every call. */
    record Message(DynamicMessage.Builder builder) {
        Message set(String field, Object value) {
            builder.setField(field(field), value instanceof Message m ? m.build() : value);
            return this;
        }

        Message add(String field, Object value) {
            builder.addRepeatedField(field(field), value instanceof Message m ? m.build() : value);
            return this;
        }

        DynamicMessage build() {
            return builder.build();
        }

        private Descriptors.FieldDescriptor field(String name) {
            Descriptors.FieldDescriptor f = builder.getDescriptorForType().findFieldByName(name);
            if (f == null) throw new IllegalArgumentException(builder.getDescriptorForType().getName() + " has no field " + name);
            return f;
        }
    }

    private static DescriptorProto message(String name, FieldDescriptorProto... fields) {
        DescriptorProto.Builder b = DescriptorProto.newBuilder().setName(name);
        for (FieldDescriptorProto f : fields) b.addField(f);
        return b.build();
    }

    private static FieldDescriptorProto optional(String name, int number, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type).setLabel(Label.LABEL_OPTIONAL).build();
    }

    private static FieldDescriptorProto repeated(String name, int number, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type).setLabel(Label.LABEL_REPEATED).build();
    }

    private static FieldDescriptorProto optionalMessage(String name, int number, String typeName) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(Type.TYPE_MESSAGE)
                .setTypeName("." + "onnx." + typeName).setLabel(Label.LABEL_OPTIONAL).build();
    }

    private static FieldDescriptorProto repeatedMessage(String name, int number, String typeName) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(Type.TYPE_MESSAGE)
                .setTypeName("." + "onnx." + typeName).setLabel(Label.LABEL_REPEATED).build();
    }
}
