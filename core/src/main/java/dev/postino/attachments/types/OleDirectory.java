package dev.postino.attachments.types;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.postino.attachments.spool.SpooledContent;

/**
 * Lists the entry names and root CLSID of an OLE2 compound file (MS-CFB), enough to see VBA macro
 * storages, encrypted OOXML packages and Windows installers. Written by hand because tika-core has no
 * OLE2 reader (that lives in Apache POI, megabytes we do not want to bundle) and only the directory is
 * needed: the header, the FAT sectors it lists and the directory chain. Bounded: at most
 * {@link #MAX_ENTRIES} entries, loops in the chains are cut.
 */
public final class OleDirectory {

    public static final int MAX_ENTRIES = 10_000;

    private static final long MSI_CLSID_LOW = 0x000C1084L;

    private final List<String> names;
    private final byte[] rootClsid;

    private OleDirectory(List<String> names, byte[] rootClsid) {
        this.names = names;
        this.rootClsid = rootClsid;
    }

    public List<String> names() {
        return names;
    }

    /** True for the MSI, MSP and MST root classes: a Windows Installer package is a program. */
    public boolean isInstaller() {
        if (rootClsid.length < 16) {
            return false;
        }
        long low = ByteBuffer.wrap(rootClsid, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        return low == MSI_CLSID_LOW || low == 0x000C1086L || low == 0x000C1082L;
    }

    /** VBA storages: Word/Excel {@code VBA}, {@code _VBA_PROJECT}, {@code _VBA_PROJECT_CUR}, Word 97 {@code Macros}. */
    public boolean hasMacros() {
        return names.stream().anyMatch(name -> name.equalsIgnoreCase("VBA") || name.equalsIgnoreCase("_VBA_PROJECT")
            || name.equalsIgnoreCase("_VBA_PROJECT_CUR") || name.equalsIgnoreCase("Macros"));
    }

    /** An encrypted OOXML file is an OLE2 container with these streams (MS-OFFCRYPTO). */
    public boolean isEncrypted() {
        return names.stream().anyMatch(name -> name.equals("EncryptedPackage") || name.equals("EncryptionInfo"));
    }

    public static OleDirectory read(SpooledContent content) throws IOException {
        ByteBuffer header = ByteBuffer.wrap(content.read(0, 512)).order(ByteOrder.LITTLE_ENDIAN);
        if (header.capacity() < 512) {
            throw new IOException("OLE2 header truncated");
        }
        int sectorShift = header.getShort(0x1E) & 0xFFFF;
        if (sectorShift != 9 && sectorShift != 12) {
            throw new IOException("OLE2 sector shift " + sectorShift);
        }
        int sectorSize = 1 << sectorShift;
        int fatSectors = header.getInt(0x2C);
        int firstDirectorySector = header.getInt(0x30);
        int firstDifatSector = header.getInt(0x44);
        int difatSectors = header.getInt(0x48);
        long maxSectors = content.size() / sectorSize + 1;
        if (fatSectors < 0 || fatSectors > maxSectors) {
            throw new IOException("OLE2 FAT sector count " + fatSectors);
        }
        List<Integer> fatSectorIds = new ArrayList<>();
        for (int i = 0; i < 109 && fatSectorIds.size() < fatSectors; i++) {
            fatSectorIds.add(header.getInt(0x4C + 4 * i));
        }
        int difat = firstDifatSector;
        Set<Integer> seen = new HashSet<>();
        for (int n = 0; n < difatSectors && difat >= 0 && seen.add(difat) && fatSectorIds.size() < fatSectors; n++) {
            ByteBuffer sector = sector(content, difat, sectorSize);
            for (int i = 0; i < sectorSize / 4 - 1 && fatSectorIds.size() < fatSectors; i++) {
                fatSectorIds.add(sector.getInt(4 * i));
            }
            difat = sector.getInt(sectorSize - 4);
        }
        int perSector = sectorSize / 4;
        int[] fat = new int[fatSectorIds.size() * perSector];
        for (int i = 0; i < fatSectorIds.size(); i++) {
            ByteBuffer sector = sector(content, fatSectorIds.get(i), sectorSize);
            for (int j = 0; j < perSector; j++) {
                fat[i * perSector + j] = sector.getInt(4 * j);
            }
        }
        List<String> names = new ArrayList<>();
        byte[] rootClsid = new byte[0];
        seen.clear();
        for (int id = firstDirectorySector; id >= 0 && seen.add(id) && names.size() < MAX_ENTRIES;
             id = id < fat.length ? fat[id] : -1) {
            ByteBuffer sector = sector(content, id, sectorSize);
            for (int offset = 0; offset + 128 <= sectorSize; offset += 128) {
                int nameLength = sector.getShort(offset + 0x40) & 0xFFFF;
                int type = sector.get(offset + 0x42);
                if (type == 0 || nameLength < 2 || nameLength > 64) {
                    continue;
                }
                byte[] raw = new byte[nameLength - 2];
                sector.get(offset, raw);
                String name = new String(raw, StandardCharsets.UTF_16LE);
                if (type == 5) {
                    rootClsid = new byte[16];
                    sector.get(offset + 0x50, rootClsid);
                }
                names.add(name);
            }
        }
        return new OleDirectory(List.copyOf(names), rootClsid);
    }

    private static ByteBuffer sector(SpooledContent content, int id, int sectorSize) throws IOException {
        byte[] data = content.read((long) (id + 1) * sectorSize, sectorSize);
        if (data.length < sectorSize) {
            throw new IOException("OLE2 sector " + id + " beyond end of file");
        }
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }
}
