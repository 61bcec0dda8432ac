/**
 * The workload's value (`data.v`) of a ConfigMap as an api-server stored it
 * in etcd, read back for the store's log. `kubespec serve` stores JSON.
 * kube-apiserver stores protobuf by default (--storage-media-type
 * application/vnd.kubernetes.protobuf): the 4 bytes "k8s\0"
 * (protoEncodingPrefix, k8s.io/apimachinery/pkg/runtime/serializer/protobuf/protobuf.go),
 * then a runtime.Unknown whose field 2 `raw` holds the ConfigMap
 * (k8s.io/apimachinery/pkg/runtime/generated.proto), whose field 2 is
 * `map<string, string> data`, each entry a message of key = 1, value = 2
 * (k8s.io/api/core/v1/generated.proto). Only that path is read.
 */
const PROTOBUF_PREFIX = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** The length-delimited fields (wire type 2) of one message, by field number, in order; other wire types are skipped. */
function lengthDelimited(buf: Buffer): Array<[number, Buffer]> {
  const fields: Array<[number, Buffer]> = [];
  let i = 0;
  const varint = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = buf[i++];
      if (byte === undefined) throw new Error('truncated protobuf varint');
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  while (i < buf.length) {
    const tag = varint();
    const [field, wire] = [Math.floor(tag / 8), tag % 8];
    if (wire === 0) varint();
    else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else if (wire === 2) {
      const length = varint();
      fields.push([field, buf.subarray(i, i + length)]);
      i += length;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
  return fields;
}

const field = (fields: Array<[number, Buffer]>, n: number) => fields.find(([f]) => f === n)?.[1];

/** `data.v` of a stored ConfigMap, JSON or Kubernetes protobuf; '' when it has none. */
export function storedConfigMapValue(stored: Buffer): string {
  if (!stored.subarray(0, 4).equals(PROTOBUF_PREFIX)) return String((JSON.parse(stored.toString('utf8')) as { data?: { v?: unknown } }).data?.v ?? '');
  const raw = field(lengthDelimited(stored.subarray(4)), 2);
  if (!raw) return '';
  for (const [n, entry] of lengthDelimited(raw)) {
    if (n !== 2) continue;
    const kv = lengthDelimited(entry);
    if (field(kv, 1)?.toString('utf8') === 'v') return field(kv, 2)?.toString('utf8') ?? '';
  }
  return '';
}
